namespace Campaigns.Core.Lifecycle;

/// <summary>The words an office reads for each state.</summary>
public static class CampaignStateNames
{
    public static string ChineseName(this CampaignState state) => state switch
    {
        CampaignState.Draft => "草拟",
        CampaignState.Published => "计划已公示",
        CampaignState.Drawn => "已抽取",
        CampaignState.Notified => "已通知",
        CampaignState.Inspecting => "检查中",
        CampaignState.ResultEntry => "结果录入中",
        CampaignState.AwaitingPublication => "结果待公示",
        CampaignState.Publicized => "结果已公示",
        CampaignState.Reported => "已报送统计总结",
        CampaignState.Archived => "已归档",
        CampaignState.Cancelled => "已取消",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
