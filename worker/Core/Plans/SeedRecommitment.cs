namespace Campaigns.Core.Plans;

/// <summary>
/// An explicit re-commitment (重新承诺) of a campaign's draw seed: the commitment it replaces, why, and the leader who
/// approved it. Without it a commitment, once the worker has seen it, cannot change.
/// </summary>
public sealed record SeedRecommitment(string Replaces, string Reason, string ApprovedBy);
