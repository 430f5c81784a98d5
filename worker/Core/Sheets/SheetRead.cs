namespace Campaigns.Core.Sheets;

/// <summary>A spreadsheet read whole, or the one problem that stopped reading it.</summary>
public sealed record SheetRead(Sheet? Sheet, SheetProblem? Problem);
