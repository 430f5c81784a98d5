namespace Campaigns.Core.Plans;

/// <summary>Which entities a campaign may draw from; a null field does not restrict.</summary>
public sealed record CampaignScope(string? Industry, string? Region);
