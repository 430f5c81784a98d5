namespace Campaigns.Documents;

/// <summary>A <see cref="Workbook"/> cell formatted as a date (yyyy-mm-dd); without a value, an empty cell ready for one.</summary>
public sealed record WorkbookDate(DateOnly? Value);
