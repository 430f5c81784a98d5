using Campaigns.Core.Lifecycle;

namespace Campaigns.Web;

/// <summary>A stored state as the office reads it.</summary>
public static class StateNames
{
    public static string Chinese(string? state) =>
        state is not null && Enum.TryParse<CampaignState>(state, out var s) ? s.ChineseName() : "未开始";
}
