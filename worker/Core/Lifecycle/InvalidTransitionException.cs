namespace Campaigns.Core.Lifecycle;

/// <summary>A trigger fired where the lifecycle does not allow it: a bug in the caller, so it is thrown.</summary>
public sealed class InvalidTransitionException(string state, string trigger, string reason)
    : InvalidOperationException($"Cannot fire {trigger} in state {state}: {reason}.")
{
    public string State { get; } = state;

    public string Trigger { get; } = trigger;
}
