using Stateless;

namespace Campaigns.Core.Lifecycle;

/// <summary>
/// One machine of <see cref="CampaignLifecycle"/>, built once and pointed at one campaign after another. Stateless builds
/// every state, transition and guard of a new machine, and the engine built one per campaign and tick: on a province's
/// quiet day (2,000 campaigns) that was close to half of the engine's time. Its guards ask those of the campaign in hand,
/// given to <see cref="Start"/>. One per thread: it holds that campaign's state.
/// </summary>
public sealed class CampaignMachine
{
    private static readonly LifecycleGuards Idle = LifecycleGuards.Always(false);
    private LifecycleGuards _guards = Idle;

    public CampaignMachine()
    {
        Machine = CampaignLifecycle.Create(() => State, s => State = s, new LifecycleGuards(
            () => _guards.PlanPublished(),
            () => _guards.DrawDue(),
            () => _guards.WindowStarted(),
            () => _guards.WindowEnded(),
            () => _guards.ResultsComplete(),
            () => _guards.PublicationConfirmed(),
            () => _guards.ArchiveRequested(),
            () => _guards.CancelRequested()));
    }

    /// <summary>The state of the campaign in hand, moved by firing <see cref="Machine"/>.</summary>
    public CampaignState State { get; private set; }

    public StateMachine<CampaignState, CampaignTrigger> Machine { get; }

    /// <summary>Points <see cref="Machine"/> at a campaign in <paramref name="state"/> whose guards are <paramref name="guards"/>.</summary>
    public void Start(CampaignState state, LifecycleGuards guards) => (State, _guards) = (state, guards);

    /// <summary>
    /// Lets go of the campaign's guards: they hold its facts and the directory snapshot, which a machine kept by an idle
    /// thread would otherwise keep alive after the worker has read new directories.
    /// </summary>
    public void Release() => _guards = Idle;
}
