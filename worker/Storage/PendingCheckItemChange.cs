using Campaigns.Core.Plans;

namespace Campaigns.Storage;

/// <summary>A change of a published plan's check-item list found when its new version is accepted, to record with it (004 §8).</summary>
public sealed record PendingCheckItemChange(AnnualPlan Plan, DateOnly ChangedOn, string PreviousSha256, CheckItemChange Change);
