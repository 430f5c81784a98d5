using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>What one tick did, per plan, with the office date it ran on, where its time went, and the plans whose tick failed.</summary>
public sealed record TickReport(
    IReadOnlyList<(string PlanKey, DateOnly Today, AppliedTick Applied)> Plans, TickPhases? Phases = null, IReadOnlyList<TickFailure>? Failures = null)
{
    public IReadOnlyList<TickFailure> Failed => Failures ?? [];
}
