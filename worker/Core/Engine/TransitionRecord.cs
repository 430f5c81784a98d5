using Campaigns.Core.Lifecycle;

namespace Campaigns.Core.Engine;

/// <summary>One fired transition, as logged and stored.</summary>
public sealed record TransitionRecord(string CampaignId, DateOnly On, CampaignState From, CampaignState To, CampaignTrigger Trigger, string Detail);
