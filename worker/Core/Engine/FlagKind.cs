namespace Campaigns.Core.Engine;

/// <summary>What a flag says is wrong. Overdue is a set of flags, never a lifecycle state.</summary>
public enum FlagKind
{
    PlanNotPublished,
    DrawBlocked,
    ResultsOverdue,
    PublicityOverdue,
    SummaryOverdue,
    DeliveryFailed,
    FollowUpOverdue,
}
