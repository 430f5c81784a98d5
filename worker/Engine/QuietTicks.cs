using System.Collections.Concurrent;
using Campaigns.Core.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>
/// Plans whose last tick changed nothing, with everything that tick ran on. The engine is pure: the same plan, day,
/// calendar, directory and facts decide the same again, so a second tick of the same office day (a plan file saved
/// elsewhere in the province, a restart, another instance's tick) need not run it for them. The facts are compared by the
/// store's <see cref="FactsFingerprint"/>, read this tick, so a write by any process makes the plan tick in full again.
/// A tick with a blocked draw is never remembered: whether it can draw depends on other plans' draws of the year and, in
/// service, on the fresh seed each tick draws with.
/// </summary>
internal sealed class QuietTicks
{
    private readonly ConcurrentDictionary<string, Quiet> _plans = new(StringComparer.Ordinal);

    public bool IsQuiet(AnnualPlan plan, DateOnly today, PlanSnapshot snapshot, WorkingCalendar calendar, DirectorySnapshot? directory) =>
        _plans.TryGetValue(plan.Key, out var quiet)
        && ReferenceEquals(quiet.Plan, plan) && quiet.Today == today && quiet.Facts == snapshot.Fingerprint
        && ReferenceEquals(quiet.Calendar, calendar) && ReferenceEquals(quiet.Directory, directory);

    /// <summary>Remembers the tick if it changed nothing (<see cref="PlanSnapshot.Unchanged"/>); forgets the plan otherwise.</summary>
    public void Ticked(
        AnnualPlan plan, DateOnly today, PlanSnapshot snapshot, WorkingCalendar calendar, DirectorySnapshot? directory, TickOutcome outcome, int documents, int messages)
    {
        if (snapshot.Unchanged(outcome, documents, messages) && outcome.Flags.All(f => f.Kind != FlagKind.DrawBlocked))
        {
            _plans[plan.Key] = new Quiet(plan, today, snapshot.Fingerprint, calendar, directory);
        }
        else
        {
            _plans.TryRemove(plan.Key, out _);
        }
    }

    private sealed record Quiet(AnnualPlan Plan, DateOnly Today, FactsFingerprint Facts, WorkingCalendar Calendar, DirectorySnapshot? Directory);
}
