namespace Campaigns.Documents;

/// <summary>One sheet of a <see cref="Workbook"/>: header texts, column widths (in characters) and rows of int, decimal, text or null.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<object?>> Rows);
