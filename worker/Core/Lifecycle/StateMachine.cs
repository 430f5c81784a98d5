namespace Campaigns.Core.Lifecycle;

/// <summary>
/// A small state machine shaped like Stateless (not on the package registry here), so that switching
/// to Stateless is a change to this one file: <c>Configure(s).Permit(t, s2)</c>, guards, entry actions,
/// state held outside the machine through a getter/setter pair so a database column can own it.
/// </summary>
public sealed class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TState> _getState;
    private readonly Action<TState> _setState;
    private readonly Dictionary<TState, StateConfiguration> _states = [];

    public StateMachine(Func<TState> getState, Action<TState> setState)
    {
        _getState = getState;
        _setState = setState;
    }

    public TState State => _getState();

    public StateConfiguration Configure(TState state)
    {
        if (!_states.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration(state);
            _states.Add(state, configuration);
        }
        return configuration;
    }

    /// <summary>True when the trigger is permitted in the current state and its guard holds.</summary>
    public bool CanFire(TTrigger trigger) => FindTransition(trigger) is { } t && t.Guard();

    public IEnumerable<TTrigger> PermittedTriggers =>
        _states.TryGetValue(State, out var c) ? c.Transitions.Where(t => t.Guard()).Select(t => t.Trigger) : [];

    /// <summary>Moves to the trigger's destination and runs its entry actions; throws when not permitted.</summary>
    public void Fire(TTrigger trigger)
    {
        var source = State;
        var transition = FindTransition(trigger)
            ?? throw new InvalidTransitionException(source.ToString(), trigger.ToString(), "no such transition");
        if (!transition.Guard())
        {
            throw new InvalidTransitionException(source.ToString(), trigger.ToString(), $"guard '{transition.GuardDescription}' does not hold");
        }
        _setState(transition.Destination);
        var fired = new Transition(source, transition.Destination, trigger);
        if (_states.TryGetValue(transition.Destination, out var destination))
        {
            foreach (var action in destination.EntryActions)
            {
                if (action.Trigger is null || EqualityComparer<TTrigger>.Default.Equals(action.Trigger.Value, trigger))
                {
                    action.Action(fired);
                }
            }
        }
    }

    /// <summary>Every configured transition, for diagrams and tests.</summary>
    public StateMachineInfo GetInfo() => new(
        [.. _states.Values.SelectMany(s => s.Transitions.Select(t =>
            new TransitionInfo(s.State, t.Trigger, t.Destination, t.GuardDescription)))]);

    private PermittedTransition? FindTransition(TTrigger trigger) =>
        _states.TryGetValue(State, out var configuration)
            ? configuration.Transitions.FirstOrDefault(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger))
            : null;

    public sealed record Transition(TState Source, TState Destination, TTrigger Trigger);

    public sealed record TransitionInfo(TState Source, TTrigger Trigger, TState Destination, string? Guard);

    public sealed record StateMachineInfo(IReadOnlyList<TransitionInfo> Transitions);

    internal sealed record PermittedTransition(TTrigger Trigger, TState Destination, Func<bool> Guard, string? GuardDescription);

    internal sealed record EntryAction(TTrigger? Trigger, Action<Transition> Action);

    public sealed class StateConfiguration
    {
        internal StateConfiguration(TState state) => State = state;

        public TState State { get; }

        internal List<PermittedTransition> Transitions { get; } = [];

        internal List<EntryAction> EntryActions { get; } = [];

        public StateConfiguration Permit(TTrigger trigger, TState destination) =>
            PermitIf(trigger, destination, static () => true, null);

        public StateConfiguration PermitIf(TTrigger trigger, TState destination, Func<bool> guard, string? guardDescription)
        {
            if (Transitions.Any(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger)))
            {
                throw new InvalidOperationException($"State {State} already permits {trigger}.");
            }
            Transitions.Add(new PermittedTransition(trigger, destination, guard, guardDescription));
            return this;
        }

        public StateConfiguration OnEntry(Action<Transition> action)
        {
            EntryActions.Add(new EntryAction(null, action));
            return this;
        }

        public StateConfiguration OnEntryFrom(TTrigger trigger, Action<Transition> action)
        {
            EntryActions.Add(new EntryAction(trigger, action));
            return this;
        }
    }
}
