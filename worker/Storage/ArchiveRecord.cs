namespace Campaigns.Storage;

/// <summary>
/// What the store holds about a campaign's archive bundles, read without creating or migrating the store: each filing's
/// audit row (its seq and the manifest SHA-256 it recorded), the hash of the row at a given seq (a bundle's recorded trail
/// head), and whether the whole hash chain holds. <see cref="Unavailable"/> says why nothing could be read.
/// </summary>
public sealed record ArchiveRecord(
    IReadOnlyList<(long Seq, string ManifestSha256)> Filings, string? HashAtHead, long? FirstBrokenSeq, string? Unavailable)
{
    public static ArchiveRecord None(string why) => new([], null, null, why);
}
