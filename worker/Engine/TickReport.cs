using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>What one tick did, per plan, with the office date it ran on, where its time went, and the plans whose tick failed.</summary>
public sealed record TickReport(
    IReadOnlyList<(string PlanKey, DateOnly Today, AppliedTick Applied)> Plans, TickPhases? Phases = null, IReadOnlyList<TickFailure>? Failures = null)
{
    public IReadOnlyList<TickFailure> Failed => Failures ?? [];

    /// <summary>
    /// True when no plan's tick wrote to the store and none failed (a failure may have queued the office's notice), nor did
    /// another instance apply one meanwhile: the store is as the tick found it.
    /// </summary>
    public bool ChangedNothing => Failed.Count == 0 && Plans.All(p => !p.Applied.Wrote && !p.Applied.WasSuperseded);
}
