namespace Campaigns.Core.Timeline;

/// <summary>The dates a plan implies. Wire names (JSON, CLI) come from <see cref="MilestoneNames"/>.</summary>
public enum MilestoneKind
{
    PlanPublicationDeadline,
    Draw,
    WindowStart,
    WindowEnd,
    ResultEntryDeadline,
    PublicityDeadline,

    /// <summary>The office's own bulletin (一抽查一通报, 001 (十一)); only in plans that set `bulletin_working_days`.</summary>
    BulletinDeadline,
    SummaryDue,
}
