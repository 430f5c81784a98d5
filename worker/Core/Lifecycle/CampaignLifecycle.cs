using System.Collections.Frozen;
using Stateless;
using Stateless.Graph;

namespace Campaigns.Core.Lifecycle;

/// <summary>The one definition of a campaign's lifecycle. README shows its diagram; a test keeps the two equal.</summary>
public static class CampaignLifecycle
{
    /// <summary>The order the engine tries triggers in: cancelling wins over moving on.</summary>
    public static IReadOnlyList<CampaignTrigger> TriggerOrder { get; } =
    [
        CampaignTrigger.Cancel,
        CampaignTrigger.Publish,
        CampaignTrigger.Draw,
        CampaignTrigger.Notify,
        CampaignTrigger.StartInspection,
        CampaignTrigger.CloseWindow,
        CampaignTrigger.PreparePublicity,
        CampaignTrigger.Publicize,
        CampaignTrigger.Report,
        CampaignTrigger.Archive,
    ];

    /// <summary>The states no trigger leaves (Archived, Cancelled), read from the definition below.</summary>
    public static IReadOnlySet<CampaignState> Final { get; } = FinalStates();

    public static StateMachine<CampaignState, CampaignTrigger> Create(
        Func<CampaignState> getState, Action<CampaignState> setState, LifecycleGuards guards)
    {
        var machine = new StateMachine<CampaignState, CampaignTrigger>(getState, setState);
        // Firing where the lifecycle does not allow it is a bug in the caller; say which state, trigger and guard.
        // Stateless passes no guard list (null) when the state has no transition for the trigger at all.
        machine.OnUnhandledTrigger((state, trigger, unmetGuards) => throw new InvalidTransitionException(
            state.ToString(),
            trigger.ToString(),
            unmetGuards is not { Count: > 0 } ? "no such transition" : $"guard '{string.Join("', '", unmetGuards)}' does not hold"));

        machine.Configure(CampaignState.Draft)
            .PermitIf(CampaignTrigger.Publish, CampaignState.Published, guards.PlanPublished, "plan published")
            .PermitIf(CampaignTrigger.Cancel, CampaignState.Cancelled, guards.CancelRequested, "cancelled in plan");
        machine.Configure(CampaignState.Published)
            .PermitIf(CampaignTrigger.Draw, CampaignState.Drawn, guards.DrawDue, "draw date reached and directories suffice")
            .PermitIf(CampaignTrigger.Cancel, CampaignState.Cancelled, guards.CancelRequested, "cancelled in plan");
        machine.Configure(CampaignState.Drawn)
            .Permit(CampaignTrigger.Notify, CampaignState.Notified)
            .PermitIf(CampaignTrigger.Cancel, CampaignState.Cancelled, guards.CancelRequested, "cancelled in plan");
        // Cancelling stops at the window: once inspectors are at the door, results are owed (001 二).
        machine.Configure(CampaignState.Notified)
            .PermitIf(CampaignTrigger.StartInspection, CampaignState.Inspecting, guards.WindowStarted, "window started")
            .PermitIf(CampaignTrigger.Cancel, CampaignState.Cancelled, guards.CancelRequested, "cancelled in plan");
        machine.Configure(CampaignState.Inspecting)
            .PermitIf(CampaignTrigger.CloseWindow, CampaignState.ResultEntry, guards.WindowEnded, "window ended");
        machine.Configure(CampaignState.ResultEntry)
            .PermitIf(CampaignTrigger.PreparePublicity, CampaignState.AwaitingPublication, guards.ResultsComplete, "all results entered");
        // The service prepares the publicity; publishing it is the office's act on the government sites (001 (十一)).
        machine.Configure(CampaignState.AwaitingPublication)
            .PermitIf(CampaignTrigger.Publicize, CampaignState.Publicized, guards.PublicationConfirmed, "office confirmed publication");
        machine.Configure(CampaignState.Publicized)
            .Permit(CampaignTrigger.Report, CampaignState.Reported);
        machine.Configure(CampaignState.Reported)
            .PermitIf(CampaignTrigger.Archive, CampaignState.Archived, guards.ArchiveRequested, "archive requested");

        return machine;
    }

    // Asked of the machine state by state with every guard holding (CanFire, as the engine asks), rather than read from
    // GetInfo(): that builds Stateless's reflection model of the whole definition, some 35 ms of every command's start.
    private static FrozenSet<CampaignState> FinalStates()
    {
        var state = CampaignState.Draft;
        var machine = Create(() => state, s => state = s, LifecycleGuards.Always(true));
        return Enum.GetValues<CampaignState>().Where(s =>
        {
            state = s;
            return !Enum.GetValues<CampaignTrigger>().Any(machine.CanFire);
        }).ToFrozenSet();
    }

    /// <summary>The diagram README shows: Stateless's own Mermaid output, ended by a newline so the code fence closes on its own line.</summary>
    public static string Diagram()
    {
        var state = CampaignState.Draft;
        return MermaidGraph.Format(Create(() => state, s => state = s, LifecycleGuards.Always(true)).GetInfo()) + "\n";
    }
}
