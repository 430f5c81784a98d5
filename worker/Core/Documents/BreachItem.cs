namespace Campaigns.Core.Documents;

/// <summary>One overdue matter in a leaders' breach report: what, whose, since when, by how many working days.</summary>
public sealed record BreachItem(string? CampaignName, string What, string Whose, DateOnly Since, int WorkingDaysOverdue);
