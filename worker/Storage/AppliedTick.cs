using Campaigns.Core.Engine;

namespace Campaigns.Storage;

/// <summary>What applying one tick changed, for the transition log and simulate's report.</summary>
public sealed record AppliedTick(
    IReadOnlyList<TransitionRecord> Transitions,
    IReadOnlyList<OverdueFlag> FlagsRaised,
    IReadOnlyList<OverdueFlag> FlagsCleared,
    IReadOnlyList<OutboxMessage> DeliveriesQueued,
    bool WasSuperseded = false,
    bool Wrote = true)
{
    /// <summary>Nothing applied: another instance's tick of the same plan applied first.</summary>
    public static AppliedTick Superseded { get; } = new([], [], [], [], WasSuperseded: true, Wrote: false);

    /// <summary>Nothing to apply: the tick would have changed no row (<see cref="PlanSnapshot.Unchanged"/>), and none was written.</summary>
    public static AppliedTick Nothing { get; } = new([], [], [], [], Wrote: false);
}
