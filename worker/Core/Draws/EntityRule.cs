namespace Campaigns.Core.Draws;

/// <summary>
/// What decides which entities a draw may pick and how many. Recorded in the draw, with the entities the yearly
/// cap excluded, so anyone holding the record and the directory snapshot can recompute the selection.
/// </summary>
public sealed record EntityRule(
    string? Industry,
    string? Region,
    decimal Ratio,
    int Minimum,
    IReadOnlyDictionary<string, decimal> RatioByRisk,
    IReadOnlyList<string> Excluded);
