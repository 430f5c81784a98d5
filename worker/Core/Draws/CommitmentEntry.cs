namespace Campaigns.Core.Draws;

/// <summary>
/// A seed commitment as the worker first saw it for a campaign: when, in which plan file and version (SHA-256 of the
/// file), and whether that version already revealed the seed (then it was no commitment in advance). The first entry
/// of a campaign has no <see cref="Replaces"/>; each later one is an explicit re-commitment (重新承诺) naming the
/// commitment it replaces, with its reason and the approving leader. Kept in the store, never changed.
/// </summary>
public sealed record CommitmentEntry(
    string Commitment,
    DateTimeOffset FirstSeenAt,
    string PlanFile,
    string PlanSha256,
    bool SeedRevealedWithIt,
    string? Replaces = null,
    string? Reason = null,
    string? ApprovedBy = null);
