using Campaigns.Core.Draws;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Results;

namespace Campaigns.Core.Engine;

/// <summary>
/// What has been recorded about one campaign so far; the engine derives everything else. <see cref="Bulletin"/> is the
/// office's own bulletin (一抽查一通报, 001 (十一)), confirmed apart from the results' <see cref="Publication"/>.
/// <see cref="ListConfirmations"/>: the day each department confirmed its dispatched list (002 五(三)2), by department id.
/// <see cref="DepartmentPublications"/>: each department's own confirmation of its results' publicity (谁检查、谁录入、谁公示), by
/// department id, for a plan that sets `publicity_by: department`.
/// <see cref="Commitments"/> is the campaign's seed-commitment ledger (first commitment seen, then each approved re-commitment).
/// </summary>
public sealed record CampaignFacts(
    string CampaignId,
    CampaignState State,
    Draw? Draw,
    IReadOnlyList<ResultEntry> Results,
    DateOnly? ArchiveRequestedOn,
    Publication? Publication = null,
    IReadOnlyList<FollowUpClosure>? FollowUpClosures = null,
    Publication? Bulletin = null,
    IReadOnlyDictionary<string, DateOnly>? ListConfirmations = null,
    IReadOnlyList<CommitmentEntry>? Commitments = null,
    IReadOnlyDictionary<string, Publication>? DepartmentPublications = null)
{
    public static CampaignFacts New(string campaignId) => new(campaignId, CampaignState.Draft, null, [], null);
}
