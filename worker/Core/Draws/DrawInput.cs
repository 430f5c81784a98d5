using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// Everything a draw depends on, as values. <see cref="JointChecksThisYear"/> counts, per USCC, the joint
/// campaigns that already drew the entity this year (001 (九), 003 §10).
/// </summary>
public sealed record DrawInput(
    string Seed,
    DateOnly DrawnOn,
    EntityIndex Entities,
    IReadOnlyList<Inspector> Inspectors,
    string DirectoryHash,
    IReadOnlyDictionary<string, int> JointChecksThisYear);
