namespace Campaigns.Core.Timeline;

public static class MilestoneNames
{
    /// <summary>The kebab-case name used in JSON output and CLI options.</summary>
    public static string WireName(this MilestoneKind kind) => kind switch
    {
        MilestoneKind.PlanPublicationDeadline => "plan-publication-deadline",
        MilestoneKind.Draw => "draw",
        MilestoneKind.WindowStart => "window-start",
        MilestoneKind.WindowEnd => "window-end",
        MilestoneKind.ResultEntryDeadline => "result-entry-deadline",
        MilestoneKind.PublicityDeadline => "publicity-deadline",
        MilestoneKind.BulletinDeadline => "bulletin-deadline",
        MilestoneKind.SummaryDue => "summary-due",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name an office reads in documents and e-mails.</summary>
    public static string ChineseName(this MilestoneKind kind) => kind switch
    {
        MilestoneKind.PlanPublicationDeadline => "年度抽查计划公示截止",
        MilestoneKind.Draw => "双随机抽取",
        MilestoneKind.WindowStart => "检查开始",
        MilestoneKind.WindowEnd => "检查结束",
        MilestoneKind.ResultEntryDeadline => "检查结果录入截止",
        MilestoneKind.PublicityDeadline => "抽查结果公示截止",
        MilestoneKind.BulletinDeadline => "抽查情况通报截止",
        MilestoneKind.SummaryDue => "工作总结报送截止",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
