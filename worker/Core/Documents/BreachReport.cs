namespace Campaigns.Core.Documents;

/// <summary>超期情况报告 for leaders: every open breach on the day.</summary>
public sealed record BreachReport(string Subject, string OfficeName, string Date, IReadOnlyList<BreachReport.Row> Rows)
{
    /// <summary>The recipient's personal link to the web console; null when the worker has no public address (PublicBaseUrl) or console key configured.</summary>
    public string? ConsoleLink { get; init; }

    public sealed record Row(int Number, string Campaign, string What, string Whose, string Since, int WorkingDaysOverdue);
}
