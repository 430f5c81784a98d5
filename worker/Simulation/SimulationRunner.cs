using Campaigns.Archive;
using Campaigns.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Simulation;

/// <summary>
/// Runs the real tick, the real outbox and the archive filing on a simulated clock, one day at a time (09:00 office
/// time), entering synthesised results before each day's tick. The tick runs every day; what the runner itself reads is
/// read only when it can have changed: the plans and calendar once (the simulation runs the plan it was given), the
/// campaigns' states, the outbox and the archive ledger again after any day that wrote to the store.
/// </summary>
public sealed class SimulationRunner(
    IOptions<WorkerOptions> options, SimulatedClock clock, TickService ticks, OutboxDispatcher outbox,
    PlanCatalog plans, CampaignStore store, CalendarSource calendars, ArchiveFiler archives)
{
    /// <summary>
    /// The days <paramref name="from"/> to <paramref name="to"/>. With <paramref name="everyDay"/> the states, the outbox and
    /// the archive ledger are read every day, even after a day that wrote nothing: the yardstick the tests hold the skipping
    /// to (the same events, records, documents and mail).
    /// </summary>
    public async Task<IReadOnlyList<SimulationEvent>> RunAsync(
        DateOnly from, DateOnly to, ResultSynthesizer results, bool archive, CancellationToken cancellationToken, bool everyDay = false)
    {
        var o = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        var events = new List<SimulationEvent>();
        // Read on the first day's clock, as the worker's first tick would (a plan is accepted, or its office told of errors,
        // with that date), and handed to every tick: the worker reads them before each tick for an office's edits, and a
        // simulation has none. A quiet day's reads of them were a fifth of the sample office-year's quiet days (README, issue 17).
        clock.Set(NineOClock(from, zone));
        var calendar = calendars.Load(o.Resolve(o.Calendar));
        var annualPlans = plans.Load(o.Resolve(o.Plans));
        // The store as the day before left it: nothing wrote to it, and its outbox and archive found nothing to do.
        var untouched = false;
        IReadOnlyList<CampaignRow> campaigns = [];
        Dictionary<string, string> states = [];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            clock.Set(NineOClock(day, zone));
            var wrote = false;
            // Entering results and closing follow-ups change no campaign's state, and neither does confirming or asking: one
            // read serves the day, and the day before's serves a day after one that wrote nothing.
            if (!untouched)
            {
                campaigns = store.Campaigns();
                states = campaigns.ToDictionary(c => c.Id, c => c.State, StringComparer.Ordinal);
            }
            foreach (var plan in annualPlans)
            {
                var entering = plan.Campaigns.Where(c => states.GetValueOrDefault(c.Id) == nameof(CampaignState.ResultEntry)).ToList();
                // The plan's facts are read only for a campaign's draw, the first day it is seen entering results: the simulated
                // departments keep what they owe and entered (a province year read every plan's facts every day otherwise).
                var facts = entering.All(c => results.Knows(c.Id)) ? null : store.LoadFacts(plan);
                var entries = results.Due(entering, facts, calendar, day);
                if (entries.Count > 0)
                {
                    wrote = true;
                    store.AddResults(entries, "simulate");
                    foreach (var campaign in entries.GroupBy(e => e.CampaignId))
                    {
                        events.Add(new SimulationEvent(Text(day), campaign.Key, "results-entered", null, null, $"{campaign.Count()} results"));
                    }
                }
                var closures = results.Closures(plan, day);
                wrote |= closures.Count > 0;
                store.CloseFollowUps(closures, "simulate");
                events.AddRange(closures.Select(c => new SimulationEvent(Text(day), c.CampaignId, "follow-up-closed", null, null, $"{c.Uscc} {c.DepartmentId} {c.Action}")));
            }
            // The simulated office publishes the day after the publicity is prepared, and confirms it.
            foreach (var waiting in campaigns.Where(c => c.State == nameof(CampaignState.AwaitingPublication)))
            {
                wrote = true;
                if (store.ConfirmPublication(waiting.Id, new Publication($"https://www.gsxt.gov.cn/gs/{waiting.Id}", day), clock.GetUtcNow()))
                {
                    events.Add(new SimulationEvent(Text(day), waiting.Id, "publication-confirmed", null, null, $"https://www.gsxt.gov.cn/gs/{waiting.Id}"));
                }
            }
            // ... and asks to archive each reported campaign the next day, as `archive` does; the day's tick archives it.
            foreach (var reported in campaigns.Where(c => archive && c.State == nameof(CampaignState.Reported)))
            {
                wrote = true;
                store.RequestArchive(reported.Id, day, clock.GetUtcNow(), "simulate");
            }
            var report = ticks.Tick((calendar, annualPlans));
            // The worker carries on past a plan's failed tick; a simulation is a dry run, so it stops and says why.
            if (report.Failed is [var failed, ..])
            {
                throw new InvalidOperationException($"Tick of plan {failed.PlanKey} failed on {Text(day)}: {failed.Error}");
            }
            foreach (var (_, today, applied) in report.Plans)
            {
                events.AddRange(Events(today, applied));
            }
            wrote |= !report.ChangedNothing;
            if (untouched && !wrote)
            {
                // Nothing was due in the outbox or owed to the archive when they last looked, and nothing has been written since:
                // in a simulation nothing falls due by the clock alone (a message is due when queued or retried, each a write).
                continue;
            }
            var sent = await outbox.DispatchDueAsync(cancellationToken);
            // What the worker's ArchiveJob does once the tick has archived a campaign: its bundle, filed from the ledger.
            var filedToday = archives.FileAllOwed("simulate");
            foreach (var filed in filedToday)
            {
                events.Add(new SimulationEvent(Text(day), filed.Bundle.Manifest.Campaign, "archived", null, null, Path.GetFileName(filed.Path)));
            }
            untouched = !everyDay && !wrote && sent is { Sent: 0, Failed: 0, ServerUnavailable: false } && filedToday.Count == 0;
        }
        return events;
    }

    private static DateTimeOffset NineOClock(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static IEnumerable<SimulationEvent> Events(DateOnly today, AppliedTick applied)
    {
        var date = Text(today);
        foreach (var t in applied.Transitions)
        {
            yield return new SimulationEvent(date, t.CampaignId, "transition", t.From.ToString(), t.To.ToString(), $"{t.Trigger} {t.Detail}".Trim());
        }
        foreach (var f in applied.FlagsRaised)
        {
            yield return new SimulationEvent(date, CampaignOf(f), "flag-raised", null, null, $"{f.Kind.WireName()} {f.Subject} since {Text(f.Since)}: {f.Detail}".Replace("  ", " "));
        }
        foreach (var f in applied.FlagsCleared)
        {
            yield return new SimulationEvent(date, CampaignOf(f), "flag-cleared", null, null, $"{f.Kind.WireName()} {f.Subject}".Trim());
        }
        foreach (var m in applied.DeliveriesQueued)
        {
            yield return new SimulationEvent(date, m.CampaignId, "delivery", null, null, $"{m.Kind} to {m.RecipientEmail}: {m.Subject}");
        }
    }

    private static string? CampaignOf(OverdueFlag flag) => flag.Kind == FlagKind.PlanNotPublished ? null : flag.Scope;

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
