namespace Campaigns.Core.Draws;

/// <summary>
/// The result of a double-random draw (双随机抽取). Final once produced (003 §15, 004 §18): never updated.
/// <see cref="Entities"/> are in draw order; that order is part of the record. <see cref="Rule"/>, <see cref="InspectorRule"/> and the
/// directory snapshot (<see cref="DirectoryHash"/>) are all a third party needs to recompute the draw.
/// </summary>
public sealed record Draw(
    string CampaignId,
    DateOnly DrawnOn,
    string Algorithm,
    string Seed,
    string? SeedCommitment,
    string DirectoryHash,
    EntityRule Rule,
    InspectorRule InspectorRule,
    int EligibleCount,
    IReadOnlyList<Stratum> Strata,
    IReadOnlyList<DrawnEntity> Entities,
    IReadOnlyList<InspectionGroup> Groups,
    IReadOnlyList<Recusal> Recusals);
