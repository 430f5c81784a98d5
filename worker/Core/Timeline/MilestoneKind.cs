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
    SummaryDue,
}
