using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// Everything a draw depends on, as values. <see cref="JointChecksThisYear"/> counts, per USCC, the joint
/// campaigns that already drew the entity this year (001 (九), 003 §10). <see cref="DirectoryFiles"/> are the hashes of the
/// directory files the entities and inspectors were read from; <see cref="YearSequence"/> numbers the draw in its year;
/// <see cref="Commitments"/> is the campaign's seed-commitment ledger.
/// </summary>
public sealed record DrawInput(
    string Seed,
    DateOnly DrawnOn,
    EntityIndex Entities,
    IReadOnlyList<Inspector> Inspectors,
    IReadOnlyList<SnapshotFile> DirectoryFiles,
    IReadOnlyDictionary<string, int> JointChecksThisYear,
    int YearSequence = 1,
    IReadOnlyList<CommitmentEntry>? Commitments = null);
