namespace Campaigns.Core.Engine;

/// <summary>What a flag says is wrong. Overdue is a set of flags, never a lifecycle state.</summary>
public enum FlagKind
{
    PlanNotPublished,
    DrawBlocked,
    ResultsOverdue,
    PublicityOverdue,

    /// <summary>The office's bulletin (一抽查一通报, 001 (十一)) not confirmed after its deadline.</summary>
    BulletinOverdue,

    /// <summary>A department has not confirmed the dispatched list in time (002 五(三)2); only in plans that ask for it.</summary>
    ListConfirmationOverdue,
    SummaryOverdue,
    DeliveryFailed,
    FollowUpOverdue,

    /// <summary>A department's longest gap between drawn campaigns has passed (004 §9: every two months); only for a department whose plan sets one.</summary>
    FrequencyGap,

    /// <summary>A published plan's check-item list changed and the change is not published within its working days (004 §8).</summary>
    CheckItemsUnpublished,
}
