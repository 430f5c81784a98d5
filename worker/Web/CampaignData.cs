using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Results;
using Campaigns.Storage;

namespace Campaigns.Web;

/// <summary>What the store holds of one campaign, read once for its page.</summary>
public sealed record CampaignData(
    string? State,
    Draw? Draw,
    IReadOnlyList<string> DrawCheck,
    IReadOnlyList<ResultEntry> Results,
    IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<DeliveryRow> Mail,
    IReadOnlyList<string> Documents,
    Publication? Publication,
    IReadOnlyList<(string DepartmentId, string ConfirmedOn, string ConfirmedBy)> Confirmations,
    IReadOnlyList<FlagRow> Flags);
