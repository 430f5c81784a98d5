namespace Campaigns.Core.Engine;

public static class FlagNames
{
    public static string WireName(this FlagKind kind) => kind switch
    {
        FlagKind.PlanNotPublished => "plan-not-published",
        FlagKind.DrawBlocked => "draw-blocked",
        FlagKind.ResultsOverdue => "results-overdue",
        FlagKind.PublicityOverdue => "publicity-overdue",
        FlagKind.BulletinOverdue => "bulletin-overdue",
        FlagKind.ListConfirmationOverdue => "list-confirmation-overdue",
        FlagKind.SummaryOverdue => "summary-overdue",
        FlagKind.DeliveryFailed => "delivery-failed",
        FlagKind.FollowUpOverdue => "follow-up-overdue",
        FlagKind.FrequencyGap => "frequency-gap",
        FlagKind.CheckItemsUnpublished => "check-items-unpublished",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ChineseName(this FlagKind kind) => kind switch
    {
        FlagKind.PlanNotPublished => "年度抽查计划未按期公示",
        FlagKind.DrawBlocked => "双随机抽取无法进行",
        FlagKind.ResultsOverdue => "检查结果未按期录入",
        FlagKind.PublicityOverdue => "抽查结果未按期公示",
        FlagKind.BulletinOverdue => "抽查情况未按期通报",
        FlagKind.ListConfirmationOverdue => "抽查名单未按期确认",
        FlagKind.SummaryOverdue => "工作总结未按期报送",
        FlagKind.DeliveryFailed => "邮件未能送达",
        FlagKind.FollowUpOverdue => "后续处理未按期完成",
        FlagKind.FrequencyGap => "抽查频次未达要求",
        FlagKind.CheckItemsUnpublished => "抽查事项清单调整未按期公开",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static FlagKind Parse(string wireName) =>
        Enum.GetValues<FlagKind>().Where(k => k.WireName() == wireName).Cast<FlagKind?>().SingleOrDefault()
        ?? throw new ArgumentException($"Unknown flag kind '{wireName}'.", nameof(wireName));
}
