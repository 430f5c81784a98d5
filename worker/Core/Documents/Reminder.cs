namespace Campaigns.Core.Documents;

/// <summary>
/// A reminder before a deadline, listing what is still open for this recipient; with <see cref="WorkingDaysOverdue"/>
/// above zero it is an overdue notice (催办) for a deadline already passed.
/// </summary>
public sealed record Reminder(string Subject, string OfficeName, string RecipientName, string? CampaignName, string Milestone, string Due,
    int WorkingDaysLeft, IReadOnlyList<string> OpenItems, string? ContactLine, int WorkingDaysOverdue = 0)
{
    /// <summary>The recipient's personal link to the web console; null when the worker has no public address (PublicBaseUrl) or console key configured.</summary>
    public string? ConsoleLink { get; init; }
}
