namespace Campaigns.Core.Timeline;

/// <summary>
/// A date the plan implies. <see cref="CampaignId"/> is null for office-level milestones (plan publication).
/// <see cref="Provisional"/> is true when the date was counted through a year with no holiday notice yet.
/// </summary>
public sealed record Milestone(string? CampaignId, MilestoneKind Kind, DateOnly Date, bool Provisional);
