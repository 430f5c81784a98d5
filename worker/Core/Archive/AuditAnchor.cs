namespace Campaigns.Core.Archive;

/// <summary>
/// What the audit trail looked like when the bundle was made: whether the whole chain held (else the first broken
/// seq), the campaign's last row, whose hash pins every row before it, so rows cut off later show, and the whole
/// trail's head at that moment (<see cref="HeadSeq"/>, <see cref="HeadHash"/>), which `archive verify` finds again in
/// the store. Bundles made before the head was recorded have it null.
/// </summary>
public sealed record AuditAnchor(bool Intact, long? FirstBrokenSeq, long? LastSeq, string? LastHash, long? HeadSeq = null, string? HeadHash = null);
