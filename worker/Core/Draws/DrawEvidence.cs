using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// What a draw is verified against: the snapshot's rows (entities, inspectors, departments.csv) and, when read from files,
/// each file's hash (<see cref="Files"/>) and where each row sits (<see cref="Rows"/>: "E|{uscc}" or "I|{certificate}" →
/// "entities.csv:17"); the substitutions appended to it; and the year's draw records, to re-derive the exclusions.
/// </summary>
public sealed record DrawEvidence(
    IReadOnlyList<MarketEntity> Entities,
    IReadOnlyList<Inspector> Inspectors,
    IReadOnlyList<DrawDepartment> Departments,
    IReadOnlyList<SnapshotFile>? Files = null,
    IReadOnlyDictionary<string, string>? Rows = null,
    IReadOnlyList<Substitution>? Substitutions = null,
    IReadOnlyList<Draw>? Year = null);
