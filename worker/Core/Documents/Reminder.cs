namespace Campaigns.Core.Documents;

/// <summary>A reminder before a deadline, listing what is still open for this recipient.</summary>
public sealed record Reminder(string Subject, string OfficeName, string RecipientName, string? CampaignName, string Milestone, string Due,
    int WorkingDaysLeft, IReadOnlyList<string> OpenItems, string? ContactLine);
