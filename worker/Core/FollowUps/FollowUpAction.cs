namespace Campaigns.Core.FollowUps;

/// <summary>What was done about a problem found (后续处理, 001 (五), 002 五(四), 003 §23).</summary>
public enum FollowUpAction
{
    /// <summary>行政指导: education, advice, reminders (002 五(四)1).</summary>
    Guidance,

    /// <summary>列入经营异常名录.</summary>
    Abnormal,

    /// <summary>立案查处.</summary>
    Case,

    /// <summary>移送（转办）有管辖权的部门.</summary>
    Transfer,
}
