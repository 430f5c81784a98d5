using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Core.Statistics;

/// <summary>
/// What statistics are counted from for one campaign: its draw, the results entered so far, and the result-entry
/// deadline that decides whether each was entered on time (on or before it).
/// </summary>
public sealed record CampaignResults(CampaignPlan Campaign, Draw Draw, IReadOnlyList<ResultEntry> Results, DateOnly ResultDeadline);
