namespace Campaigns.Core.Draws;

/// <summary>
/// The result of a double-random draw (双随机抽取). Final once produced (003 §15, 004 §18): never updated.
/// <see cref="Entities"/> are in draw order; that order is part of the record. <see cref="Rule"/>, <see cref="InspectorRule"/>,
/// the seed and the snapshot files (<see cref="Snapshot"/>, bound by <see cref="DirectoryHash"/>) are all a third party needs
/// to recompute every other field; <see cref="YearSequence"/> (the n-th draw of the year in this store) says which of the
/// year's records came before it, for <see cref="EntityRule.Excluded"/>. <see cref="Commitments"/> is the campaign's
/// commitment ledger as the worker recorded it; <see cref="SeedStatus"/> follows from it (README "The draw").
/// </summary>
public sealed record Draw(
    string CampaignId,
    DateOnly DrawnOn,
    int YearSequence,
    string Algorithm,
    string Seed,
    string? SeedCommitment,
    IReadOnlyList<CommitmentEntry> Commitments,
    string SeedStatus,
    string DirectoryHash,
    IReadOnlyList<SnapshotFile> Snapshot,
    EntityRule Rule,
    InspectorRule InspectorRule,
    int EligibleCount,
    IReadOnlyList<Stratum> Strata,
    IReadOnlyList<DrawnEntity> Entities,
    IReadOnlyList<InspectionGroup> Groups,
    IReadOnlyList<Recusal> Recusals);
