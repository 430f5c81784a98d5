namespace Campaigns.Core.Draws;

/// <summary>
/// What decides which entities a draw may pick and how many. Recorded in the draw, with the entities the yearly
/// cap excluded (<see cref="YearlyCap"/> earlier joint draws this year, 001 (九), 003 §10), so anyone holding the record
/// and the directory snapshot can recompute the selection, and with the year's earlier records the exclusions too.
/// </summary>
public sealed record EntityRule(
    string? Industry,
    string? Region,
    decimal Ratio,
    int Minimum,
    IReadOnlyDictionary<string, decimal> RatioByRisk,
    IReadOnlyList<string> Excluded,
    int YearlyCap = 2);
