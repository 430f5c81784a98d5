using Campaigns.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine;

/// <summary>
/// The shell around <see cref="CampaignEngine"/>: reads the plans, calendar and directories, asks the clock
/// once, runs the pure tick for each plan, writes the documents it owes, and applies the rest in one
/// transaction per plan. The same method serves the Quartz job and simulate.
/// </summary>
public sealed class TickService(
    IOptions<WorkerOptions> options,
    PlanCatalog plans,
    CampaignStore store,
    CalendarSource calendars,
    DirectoryFiles directories,
    DocumentWriter documents,
    MailComposer mail,
    DrawSeedSource seeds,
    TimeProvider time,
    CampaignMetrics metrics,
    ILogger<TickService> logger)
{
    private readonly WorkerOptions _options = options.Value;
    private readonly HashSet<string> _warnedUnknownYears = [];
    private int _completed;

    /// <summary>Ticks finished since start, for health checks and for tests that wait on the scheduler.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public TickReport Tick()
    {
        var phases = new TickPhases();
        var now = time.GetUtcNow();
        var calendar = calendars.Load(_options.Resolve(_options.Calendar));
        var directory = directories.Load(_options.Resolve(_options.Directories));
        var report = new List<(string, DateOnly, AppliedTick)>();
        var failures = new List<TickFailure>();
        var annualPlans = plans.Load(_options.Resolve(_options.Plans));
        phases.Mark("read calendar, directories, plans");
        var jointChecks = new Dictionary<int, JointChecksOfYear>();
        foreach (var plan in annualPlans)
        {
            // One plan's failure (a bug, a damaged row in the store) must not stop the other offices' ticks and mail:
            // it is logged, the office is told, and the next plan ticks as usual.
            try
            {
                TickPlan(plan, now, calendar, directory, jointChecks, phases, report);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(Failed(plan, now, e));
            }
        }
        Interlocked.Increment(ref _completed);
        metrics.TickCompleted(time.GetUtcNow());
        return new TickReport(report, phases, failures);
    }

    private void TickPlan(
        AnnualPlan plan, DateTimeOffset now, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory,
        Dictionary<int, JointChecksOfYear> jointChecks, TickPhases phases, List<(string, DateOnly, AppliedTick)> report)
    {
        var today = OfficeDate(now, plan.Office.TimeZone);
        WarnUnknownYears(plan, calendar);
        if (!jointChecks.TryGetValue(plan.Year, out var yearChecks))
        {
            var year = plan.Year;
            jointChecks[year] = yearChecks = new JointChecksOfYear(() => store.JointChecks(year), () => store.DrawCount(year));
        }
        var context = new TickContext(plan, calendar, today, directory, seeds.Next(), yearChecks, new Lazy<int>(() => yearChecks.Draws));
        // The version is read before the facts: if another instance applies this plan's tick meanwhile, Apply sees it moved.
        var snapshot = store.Snapshot(plan);
        var facts = snapshot.Facts;
        phases.Mark("load facts");
        var outcome = CampaignEngine.Tick(context, facts);
        phases.Mark("engine");

        var written = outcome.Documents.Concat(outcome.Campaigns.SelectMany(c => c.Documents)).Select(documents.Write).ToList();
        foreach (var drawn in outcome.Campaigns.Select(c => c.NewDraw).OfType<Core.Draws.Draw>())
        {
            directories.Keep(Path.Combine(_options.Resolve(_options.Documents), Core.Paths.DocumentPaths.CampaignFolder(plan.Year, drawn.CampaignId), "snapshot"), drawn.InspectorRule.Departments);
        }
        phases.Mark("write documents");
        IReadOnlyList<DeliveryOrder> orders = [.. outcome.Deliveries, .. outcome.Campaigns.SelectMany(c => c.Deliveries)];
        var existing = store.ExistingDeliveryKeys([.. orders.Select(o => o.IdempotencyKey)]);
        var owed = orders.Where(o => !existing.Contains(o.IdempotencyKey)).DistinctBy(o => o.IdempotencyKey).ToList();
        phases.Mark("existing delivery keys");
        var messages = ReminderDigests.Gather(plan, today, owed).Select(mail.Compose).ToList();
        phases.Mark("render mail");

        var applied = store.Apply(plan, outcome, written, messages, today, now, _options.Instance, snapshot);
        phases.Mark("apply");
        if (applied.WasSuperseded)
        {
            logger.LogInformation("{Date} {Plan}: another instance applied this tick first; nothing applied here", Iso(today), plan.Key);
        }
        else
        {
            yearChecks.Drawn([.. outcome.Campaigns.Select(c => c.NewDraw).OfType<Core.Draws.Draw>()]);
        }
        Log(plan, today, applied);
        report.Add((plan.Key, today, applied));
    }

    /// <summary>Logs a plan's failed tick with its stack, and queues the office's notice (once per distinct error).</summary>
    private TickFailure Failed(AnnualPlan plan, DateTimeOffset now, Exception e)
    {
        var type = e.GetType().Name;
        var fingerprint = TickErrorNotices.Fingerprint(type, e.Message);
        logger.LogError(e, "Tick of plan {Plan} ({Path}) failed (error {Fingerprint}); the other plans ticked as usual", plan.Key, plan.SourcePath, fingerprint);
        try
        {
            var today = OfficeDate(now, plan.Office.TimeZone);
            var orders = TickErrorNotices.For(plan, plan.SourcePath, today, type, e.Message);
            var queued = store.Queue([.. orders.Select(mail.Compose)], now, _options.Instance);
            if (queued.Count > 0)
            {
                logger.LogWarning("Plan {Plan}: told {Recipients} that its tick failed", plan.Key, string.Join(", ", queued.Select(m => m.RecipientEmail)));
            }
        }
        catch (Exception notice) when (notice is not OutOfMemoryException)
        {
            // The store itself may be what failed; the log above is then the only report.
            logger.LogError(notice, "Plan {Plan}: could not queue the notice of its failed tick", plan.Key);
        }
        return new TickFailure(plan.Key, plan.SourcePath, fingerprint, $"{type}: {e.Message}");
    }

    public static DateOnly OfficeDate(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    private void WarnUnknownYears(AnnualPlan plan, Core.Calendar.WorkingCalendar calendar)
    {
        var last = plan.Campaigns.Select(c => c.Window.End).DefaultIfEmpty(plan.Office.PublishBy).Max().AddDays(60);
        foreach (var year in calendar.UnknownYears(new DateOnly(plan.Year, 1, 1), last))
        {
            if (_warnedUnknownYears.Add($"{plan.Key}|{year}"))
            {
                logger.LogWarning(
                    "No holiday notice for {Year} in the calendar folder: deadlines of plan {Plan} counted into {Year} use weekends only and are provisional until the notice is added",
                    year, plan.SourcePath, year);
            }
        }
    }

    private void Log(AnnualPlan plan, DateOnly today, AppliedTick applied)
    {
        foreach (var t in applied.Transitions)
        {
            logger.LogInformation("{Date} {Campaign} {From} -> {To} on {Trigger} {Detail}", Iso(today), t.CampaignId, t.From, t.To, t.Trigger, t.Detail);
        }
        foreach (var f in applied.FlagsRaised)
        {
            // Information, not warning: the flag is expected bookkeeping; the breach report is the alert.
            logger.LogInformation("{Date} {Scope} flag raised {Kind} {Subject}: {Detail}", Iso(today), f.Scope, f.Kind.WireName(), f.Subject, f.Detail);
        }
        foreach (var f in applied.FlagsCleared)
        {
            logger.LogInformation("{Date} {Scope} flag cleared {Kind} {Subject}", Iso(today), f.Scope, f.Kind.WireName(), f.Subject);
        }
        if (applied.DeliveriesQueued.Count > 0)
        {
            logger.LogInformation("{Date} {Plan} queued {Count} messages", Iso(today), plan.Key, applied.DeliveriesQueued.Count);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
