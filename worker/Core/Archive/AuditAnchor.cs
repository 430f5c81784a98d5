namespace Campaigns.Core.Archive;

/// <summary>
/// What the audit trail looked like when the bundle was made: whether the whole chain held (else the first broken
/// seq), and the campaign's last row, whose hash pins every row before it, so rows cut off later show.
/// </summary>
public sealed record AuditAnchor(bool Intact, long? FirstBrokenSeq, long? LastSeq, string? LastHash);
