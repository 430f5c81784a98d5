using System.Security.Cryptography;

namespace Campaigns.Core.Archive;

/// <summary>
/// manifest.json of an archive bundle (立卷归档, 003 §27): every other file of the bundle with its hash and size, in
/// ordinal order of path, so anyone can tell later whether a file was changed, removed or added. <see cref="Shared"/> lists
/// the campaign's files kept once for many bundles, beside them: the draw's directory snapshot, at
/// <c>snapshots/{sha256}/{file name}</c> in the bundle's folder (none in bundles made before there was such a folder).
/// </summary>
public sealed record ArchiveManifest(
    string Campaign,
    int Year,
    string State,
    DateOnly ArchiveRequestedOn,
    AuditAnchor AuditTrail,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ManifestFile>? Shared = null)
{
    public const string FileName = "manifest.json";

    /// <summary>The folder, beside the bundles, of the files their manifests list as <see cref="Shared"/>.</summary>
    public const string SharedFolder = "snapshots";

    /// <summary>Hashes every file; the manifest itself is not among them.</summary>
    public static IReadOnlyList<ManifestFile> Describe(IReadOnlyDictionary<string, byte[]> files) =>
        [.. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new ManifestFile(f.Key, Sha256(f.Value), f.Value.LongLength))];

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
