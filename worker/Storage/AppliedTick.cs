using Campaigns.Core.Engine;

namespace Campaigns.Storage;

/// <summary>What applying one tick changed, for the transition log and simulate's report.</summary>
public sealed record AppliedTick(
    IReadOnlyList<TransitionRecord> Transitions,
    IReadOnlyList<OverdueFlag> FlagsRaised,
    IReadOnlyList<OverdueFlag> FlagsCleared,
    IReadOnlyList<OutboxMessage> DeliveriesQueued,
    bool WasSuperseded = false)
{
    /// <summary>Nothing applied: another instance's tick of the same plan applied first.</summary>
    public static AppliedTick Superseded { get; } = new([], [], [], [], WasSuperseded: true);
}
