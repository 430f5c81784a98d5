namespace Campaigns.Core.FollowUps;

/// <summary>How one department closed the follow-up of one entity's result, and when.</summary>
public sealed record FollowUpClosure(string CampaignId, string Uscc, string DepartmentId, FollowUpAction Action, string Note, DateOnly ClosedOn);
