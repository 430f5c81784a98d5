namespace Campaigns.Core.Plans;

/// <summary>
/// One joint spot check (部门联合抽查) as planned. <see cref="Rules"/> are already the effective rules.
/// <see cref="SeedCommitment"/> is SHA-256 (hex) of a secret seed published with the plan; the draw waits until
/// <see cref="Seed"/> reveals it, so nobody can choose the seed after seeing the directory. Once the worker has seen a
/// commitment it is final: a different one needs <see cref="Recommitment"/> (the commitment replaced, a reason, the approving leader).
/// </summary>
public sealed record CampaignPlan(
    string Id,
    string Name,
    string Lead,
    IReadOnlyList<string> Participants,
    CampaignScope Scope,
    Sampling Sampling,
    int InspectorsPerDepartment,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Items,
    DateOnly DrawOn,
    DateRange Window,
    bool AnnounceToEntities,
    DateOnly? SummaryDue,
    PlanRules Rules,
    string? Seed = null,
    string? CancelledReason = null,
    string? SeedCommitment = null,
    int Groups = 1,
    SeedRecommitment? Recommitment = null)
{
    /// <summary>The lead department first, then the participants in plan order.</summary>
    public IReadOnlyList<string> AllDepartments => [Lead, .. Participants.Where(p => p != Lead)];
}
