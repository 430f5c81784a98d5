using Campaigns.Core.Draws;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Results;

namespace Campaigns.Core.Engine;

/// <summary>
/// What has been recorded about one campaign so far; the engine derives everything else. <see cref="Commitments"/> is the
/// campaign's seed-commitment ledger (first commitment seen, then each approved re-commitment).
/// </summary>
public sealed record CampaignFacts(
    string CampaignId,
    CampaignState State,
    Draw? Draw,
    IReadOnlyList<ResultEntry> Results,
    DateOnly? ArchiveRequestedOn,
    Publication? Publication = null,
    IReadOnlyList<FollowUpClosure>? FollowUpClosures = null,
    IReadOnlyList<CommitmentEntry>? Commitments = null)
{
    public static CampaignFacts New(string campaignId) => new(campaignId, CampaignState.Draft, null, [], null);
}
