using Campaigns.Core.Lifecycle;

namespace Campaigns.Tests.Core.Lifecycle;

public class CampaignLifecycleTests
{
    // Each row: a state, a trigger, where it must lead. Together they are every edge of DESIGN.md's lifecycle.
    public static TheoryData<CampaignState, CampaignTrigger, CampaignState> Edges => new()
    {
        { CampaignState.Draft, CampaignTrigger.Publish, CampaignState.Published },
        { CampaignState.Published, CampaignTrigger.Draw, CampaignState.Drawn },
        { CampaignState.Drawn, CampaignTrigger.Notify, CampaignState.Notified },
        { CampaignState.Notified, CampaignTrigger.StartInspection, CampaignState.Inspecting },
        { CampaignState.Inspecting, CampaignTrigger.CloseWindow, CampaignState.ResultEntry },
        { CampaignState.ResultEntry, CampaignTrigger.PreparePublicity, CampaignState.AwaitingPublication },
        { CampaignState.AwaitingPublication, CampaignTrigger.Publicize, CampaignState.Publicized },
        { CampaignState.Publicized, CampaignTrigger.Report, CampaignState.Reported },
        { CampaignState.Reported, CampaignTrigger.Archive, CampaignState.Archived },
        // Cancelling is possible until the inspection starts, and not after.
        { CampaignState.Draft, CampaignTrigger.Cancel, CampaignState.Cancelled },
        { CampaignState.Published, CampaignTrigger.Cancel, CampaignState.Cancelled },
        { CampaignState.Drawn, CampaignTrigger.Cancel, CampaignState.Cancelled },
        { CampaignState.Notified, CampaignTrigger.Cancel, CampaignState.Cancelled },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Fire_EdgeWithGuardHolding_ReachesDestination(CampaignState from, CampaignTrigger trigger, CampaignState to)
    {
        var state = from;
        var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(true));
        machine.Fire(trigger);
        state.ShouldBe(to);
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void CanFire_GuardedEdgeWithGuardFailing_IsFalse(CampaignState from, CampaignTrigger trigger, CampaignState to)
    {
        var state = from;
        var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(false));
        var unguarded = trigger is CampaignTrigger.Notify or CampaignTrigger.Report;
        machine.CanFire(trigger).ShouldBe(unguarded, $"{from} --{trigger}--> {to}");
    }

    [Fact]
    public void Fire_AnyTriggerNotInTable_Throws()
    {
        var edges = Edges.Select(row => ((CampaignState)row[0], (CampaignTrigger)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<CampaignState>())
        {
            foreach (var trigger in Enum.GetValues<CampaignTrigger>().Where(t => !edges.Contains((from, t))))
            {
                var state = from;
                var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(true));
                Should.Throw<InvalidTransitionException>(() => machine.Fire(trigger), $"{from} must not permit {trigger}");
            }
        }
    }

    [Fact]
    public void Fire_GuardNotHolding_ThrowsNamingStateTriggerAndGuard()
    {
        var state = CampaignState.Notified;
        var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(false));
        var error = Should.Throw<InvalidTransitionException>(() => machine.Fire(CampaignTrigger.StartInspection));
        error.State.ShouldBe("Notified");
        error.Trigger.ShouldBe("StartInspection");
        error.Message.ShouldContain("window started");
        state.ShouldBe(CampaignState.Notified);
    }

    [Fact]
    public void Fire_TriggerNotConfiguredInState_ThrowsNamingStateAndTrigger()
    {
        var state = CampaignState.Archived;
        var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(true));
        var error = Should.Throw<InvalidTransitionException>(() => machine.Fire(CampaignTrigger.Publish));
        error.Message.ShouldBe("Cannot fire Publish in state Archived: no such transition.");
    }

    [Fact]
    public void Guards_EachGuardControlsItsOwnEdge()
    {
        // Flip one guard at a time, so a guard wired to the wrong edge shows.
        var cases = new (CampaignState From, CampaignTrigger Trigger, Func<bool, LifecycleGuards> Guards)[]
        {
            (CampaignState.Draft, CampaignTrigger.Publish, b => LifecycleGuards.Always(false) with { PlanPublished = () => b }),
            (CampaignState.Published, CampaignTrigger.Draw, b => LifecycleGuards.Always(false) with { DrawDue = () => b }),
            (CampaignState.Notified, CampaignTrigger.StartInspection, b => LifecycleGuards.Always(false) with { WindowStarted = () => b }),
            (CampaignState.Inspecting, CampaignTrigger.CloseWindow, b => LifecycleGuards.Always(false) with { WindowEnded = () => b }),
            (CampaignState.ResultEntry, CampaignTrigger.PreparePublicity, b => LifecycleGuards.Always(false) with { ResultsComplete = () => b }),
            (CampaignState.AwaitingPublication, CampaignTrigger.Publicize, b => LifecycleGuards.Always(false) with { PublicationConfirmed = () => b }),
            (CampaignState.Reported, CampaignTrigger.Archive, b => LifecycleGuards.Always(false) with { ArchiveRequested = () => b }),
            (CampaignState.Drawn, CampaignTrigger.Cancel, b => LifecycleGuards.Always(false) with { CancelRequested = () => b }),
        };
        foreach (var (from, trigger, guards) in cases)
        {
            var state = from;
            CampaignLifecycle.Create(() => state, s => state = s, guards(true)).CanFire(trigger).ShouldBeTrue($"{trigger} with its guard true");
            CampaignLifecycle.Create(() => state, s => state = s, guards(false)).CanFire(trigger).ShouldBeFalse($"{trigger} with its guard false");
        }
    }

    [Fact]
    public void CampaignMachine_PointedAtCampaignsInTurn_AnswersEachOnesStateAndGuards()
    {
        var walker = new CampaignMachine();
        var published = LifecycleGuards.Always(false) with { PlanPublished = () => true };

        walker.Start(CampaignState.Draft, published);
        walker.Machine.Fire(CampaignTrigger.Publish);
        walker.State.ShouldBe(CampaignState.Published);

        // The next campaign: its own state, and its own guards (nothing of the first's carries over).
        walker.Start(CampaignState.Draft, LifecycleGuards.Always(false));
        walker.Machine.CanFire(CampaignTrigger.Publish).ShouldBeFalse("the second campaign's plan is not published");
        walker.State.ShouldBe(CampaignState.Draft);
        Should.Throw<InvalidTransitionException>(() => walker.Machine.Fire(CampaignTrigger.Publish)).Message.ShouldContain("plan published");

        walker.Start(CampaignState.Inspecting, LifecycleGuards.Always(true));
        walker.Machine.Fire(CampaignTrigger.CloseWindow);
        walker.State.ShouldBe(CampaignState.ResultEntry);

        // Released, it holds no campaign's guards: every guard fails until the next Start.
        walker.Release();
        walker.Machine.CanFire(CampaignTrigger.PreparePublicity).ShouldBeFalse("a released machine asks no campaign's guards");
    }

    [Fact]
    public void Diagram_MatchesReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.Repository.Root, "README.md"));
        var start = readme.IndexOf("```mermaid\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, "README.md must show the lifecycle as a mermaid block");
        start += "```mermaid\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        readme[start..end].ShouldBe(CampaignLifecycle.Diagram(), "README's diagram and CampaignLifecycle disagree: paste CampaignLifecycle.Diagram() into README");
    }

    [Fact]
    public void Final_TheStatesNoTriggerLeaves_AreArchivedAndCancelled()
    {
        CampaignLifecycle.Final.ShouldBe([CampaignState.Cancelled, CampaignState.Archived], ignoreOrder: true);
        foreach (var final in CampaignLifecycle.Final)
        {
            var state = final;
            var machine = CampaignLifecycle.Create(() => state, s => state = s, LifecycleGuards.Always(true));
            Enum.GetValues<CampaignTrigger>().ShouldAllBe(t => !machine.CanFire(t));
        }
    }
}
