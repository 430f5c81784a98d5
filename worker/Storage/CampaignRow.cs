namespace Campaigns.Storage;

/// <summary>A campaign as stored, for status.</summary>
public sealed record CampaignRow(string Id, string PlanKey, long Year, string State, string UpdatedAt);
