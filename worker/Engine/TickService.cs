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
    ILogger<TickService> logger) : IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    // The worker's copies of the directory files its draws link to (DirectoryFiles.Load), beside the documents.
    private const string DirectoryCopies = ".directory-copies";
    // The fewest plans applied in one transaction while that many remain (see the applier in Tick).
    private const int MinimumGroup = 4;
    // The producers' nice value (0 is the default, 19 the lowest): below the applier, the engine and the database server.
    private const int ProducerNice = 10;
    private readonly HashSet<string> _warnedUnknownYears = [];
    private readonly QuietTicks _quiet = new();
    // The year's joint checks, kept from tick to tick while the store holds the same draws (JointChecksOfYear.Revalidate).
    private readonly Dictionary<int, JointChecksOfYear> _jointChecks = [];
    private int _completed;
    // The threads that make a tick's documents and mail, at ProducerNice so the pipeline's bulk does not keep its critical
    // path (the engine, the applier) waiting for a processor.
    private DedicatedThreads? _producers;

    /// <summary>The producer threads end (the host disposes the service as it stops).</summary>
    public void Dispose() => _producers?.Dispose();

    /// <summary>Ticks finished since start, for health checks and for tests that wait on the scheduler.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>
    /// A tick. It reads the calendar and plans itself, unless its caller hands over what it read (simulate, which runs the
    /// plans and calendar it read at its start).
    /// </summary>
    public TickReport Tick((Core.Calendar.WorkingCalendar Calendar, IReadOnlyList<AnnualPlan> Plans)? read = null)
    {
        var phases = new TickPhases();
        var now = time.GetUtcNow();
        var calendar = read?.Calendar ?? calendars.Load(_options.Resolve(_options.Calendar));
        // The directories (a province's million entities take seconds to parse when they change) are read beside the plans
        // and facts; only the engine needs them.
        var directoryRead = Task.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var snapshot = directories.Load(_options.Resolve(_options.Directories), Path.Combine(_options.Resolve(_options.Documents), DirectoryCopies));
            phases.Add("read directories (on a thread of their own)", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return snapshot;
        });
        var annualPlans = read?.Plans ?? plans.Load(_options.Resolve(_options.Plans));
        phases.Mark("read calendar, plans");
        // Plans are independent but for the year's draws (the yearly cap and the draw number count earlier plans' draws)
        // and the audit trail (one hash chain): the engine and the apply each take the plans one at a time in file order,
        // as they always did; reading, documents and mail run in parallel around them. Records and Message-IDs are therefore the same
        // whatever the parallelism.
        var ticks = annualPlans.Select(p => new PlanTick(p, OfficeDate(now, p.Office.TimeZone))).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.TickParallelism > 0 ? _options.TickParallelism : Environment.ProcessorCount };

        // The version is read before the facts: if another instance applies this plan's tick meanwhile, Apply sees it moved.
        // Whether each plan's kept facts still hold is read once for all plans; a plan whose facts moved reads them itself.
        var checks = ReadFactsChecks();
        Parallel.ForEach(ticks, parallel, t => Stage(t, () => t.Snapshot = store.Snapshot(t.Plan, checks)));
        phases.Mark("load facts");
        var directory = directoryRead.GetAwaiter().GetResult();
        phases.Mark("read directories (beyond the plans and facts)");

        RevalidateJointChecks();
        if (ticks.Count == 1)
        {
            // One plan (a county's worker with this year's plan, simulate of an office-year): handed from thread to thread
            // like a province's, it waited on three hand-offs every day for an overlap it does not have (README, issue 17).
            var t = ticks[0];
            if (Decided(t, calendar, directory, phases))
            {
                Stage(t, () => Produce(t, phases));
                ApplyTimed(ticks, now, calendar, directory, phases);
            }
        }
        else
        {
            Pipeline(ticks, parallel.MaxDegreeOfParallelism, now, calendar, directory, phases);
        }
        foreach (var t in ticks.Where(t => t.Drew && (t.Error is not null || t.Applied is { WasSuperseded: true })))
        {
            _jointChecks[t.Plan.Year].Forget();
        }
        phases.Mark("engine, documents, mail and apply");
        var report = ticks.Where(t => t.Applied is not null).Select(t => (t.Plan.Key, t.Today, t.Applied!)).ToList();
        // One plan's failure (a bug, a damaged row in the store) must not stop the other offices' ticks and mail:
        // it is logged, the office is told, and the other plans tick as usual.
        var failures = ticks.Where(t => t.Error is not null).Select(t => Failed(t.Plan, now, t.Error!)).ToList();
        Interlocked.Increment(ref _completed);
        metrics.TickCompleted(time.GetUtcNow());
        return new TickReport(report, phases, failures);
    }

    /// <summary>Several plans as a pipeline of the engine, the producers and the applier.</summary>
    private void Pipeline(
        List<PlanTick> ticks, int parallelism, DateTimeOffset now, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory, TickPhases phases)
    {
        // A pipeline: the engine decides plan after plan on this thread; each decided plan's documents and mail are made
        // on producer threads; the applier applies them in plan order as they are ready. The engine never runs more than a window
        // of plans ahead of the applier: a province's draw day held every plan's outcome and 35,000 rendered messages
        // at once otherwise, and the working set went past 1.9 GB.
        var window = 4 * parallelism;
        using var ahead = new SemaphoreSlim(window);
        var produced = ticks.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var producers = LazyInitializer.EnsureInitialized(ref _producers, () => new DedicatedThreads(parallelism, "Tick producer", () => BackgroundPriority.Lower(ProducerNice)));
        var applier = Task.Run(() =>
        {
            for (var i = 0; i < ticks.Count;)
            {
                // The plans already made behind this one go in with it, in one transaction (a savepoint each): one commit
                // instead of one per plan, which on SQLite is an fsync each (see CampaignStore.Apply). An applier faster than
                // the producers found one plan ready at a time and committed each alone (a province's deadline day: a third
                // of its plans), so it waits for a few.
                Task.WaitAll([.. produced.Skip(i).Take(Math.Min(MinimumGroup, window)).Select(p => p.Task)]);
                var count = 1;
                while (i + count < ticks.Count && count < window && produced[i + count].Task.IsCompleted)
                {
                    count++;
                }
                ApplyTimed(ticks.GetRange(i, count), now, calendar, directory, phases);
                ahead.Release(count);
                i += count;
            }
        });
        for (var i = 0; i < ticks.Count; i++)
        {
            var t = ticks[i];
            var done = produced[i];
            ahead.Wait();
            if (!Decided(t, calendar, directory, phases))
            {
                done.SetResult();
                continue;
            }
            producers.Run(() =>
            {
                try
                {
                    Stage(t, () => Produce(t, phases));
                }
                finally
                {
                    done.SetResult();
                }
            });
        }
        applier.Wait();
    }

    /// <summary>
    /// Runs the pure tick of the plan unless it is quiet (<see cref="QuietTicks"/>: decided before on these very inputs,
    /// and nothing came of it, so nothing to make or apply either); false when there is nothing more to do for it.
    /// </summary>
    private bool Decided(PlanTick t, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory, TickPhases phases)
    {
        if (t.Snapshot is { } snapshot && _quiet.IsQuiet(t.Plan, t.Today, snapshot, calendar, directory))
        {
            t.Applied = AppliedTick.Nothing;
            return false;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Stage(t, () => Decide(t, calendar, directory));
        phases.Add("Σ engine", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return true;
    }

    private void ApplyTimed(List<PlanTick> group, DateTimeOffset now, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory, TickPhases phases)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var processor = ThreadTime.Current;
        Apply(group, now, calendar, directory, phases);
        phases.Add("Σ apply", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        phases.Add("Σ apply (cpu of its thread)", ThreadTime.Current - processor);
    }

    private void RevalidateJointChecks()
    {
        foreach (var year in _jointChecks.Values)
        {
            try
            {
                year.Revalidate();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store may be away: read again on first use, inside a plan's own stage, where a failure stops that plan only.
                year.Forget();
            }
        }
    }

    /// <summary>
    /// Every plan's version and facts' fingerprint at once (<see cref="CampaignStore.ReadFactsChecks"/>); null when the store
    /// cannot answer, and each plan then reads its own, failing alone as it would have.
    /// </summary>
    private FactsChecks? ReadFactsChecks()
    {
        try
        {
            return store.ReadFactsChecks();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Reading every plan's facts fingerprint at once failed; each plan reads its own");
            return null;
        }
    }

    /// <summary>Runs a stage of a plan that has not failed yet; a failure stops that plan's later stages and no other plan's.</summary>
    private static void Stage(PlanTick tick, Action stage)
    {
        if (tick.Error is not null)
        {
            return;
        }
        try
        {
            stage();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            tick.Error = e;
        }
    }

    /// <summary>The pure tick, in plan order: a draw counts the draws the plans before it made in this tick.</summary>
    private void Decide(PlanTick t, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory)
    {
        var plan = t.Plan;
        WarnUnknownYears(plan, calendar);
        if (!_jointChecks.TryGetValue(plan.Year, out var yearChecks))
        {
            var year = plan.Year;
            _jointChecks[year] = yearChecks = new JointChecksOfYear(() => store.JointChecks(year), () => store.DrawnInYear(year));
        }
        var context = new TickContext(plan, calendar, t.Today, directory, seeds.Next(), yearChecks.For(plan, directory), new Lazy<int>(() => yearChecks.Draws));
        t.Outcome = CampaignEngine.Tick(context, t.Snapshot!.Facts);
        var drawn = t.Outcome.Campaigns.Select(c => c.NewDraw).OfType<Core.Draws.Draw>().ToList();
        // Counted now, before this plan applies, so the next plan's draw sees them. Should this plan's apply fail or be
        // superseded, the store holds these draws or the next tick redraws: a later plan of this tick then merely counted
        // one draw too many against the cap, never one too few.
        yearChecks.Drawn(drawn);
        t.Drew = drawn.Count > 0;
    }

    /// <summary>Documents written and mail rendered: one plan's, on whichever thread; nothing here depends on another plan.</summary>
    private void Produce(PlanTick t, TickPhases phases)
    {
        var outcome = t.Outcome!;
        // Rendering and the file system timed apart: how much of a draw day is the disk's. The thread's processor time (a
        // system call) is read once per plan, for rendering and saving together.
        var (rendering, saving) = (TimeSpan.Zero, TimeSpan.Zero);
        var processor = ThreadTime.Current;
        var keeping = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var draw in outcome.Campaigns.Select(c => c.NewDraw).OfType<Core.Draws.Draw>())
        {
            // The directory files a draw was made from, beside its documents (links to the worker's copies), for verify-draw.
            directories.Keep(Path.Combine(_options.Resolve(_options.Documents), Core.Paths.DocumentPaths.CampaignFolder(t.Plan.Year, draw.CampaignId), "snapshot"), draw.InspectorRule.Departments);
        }
        saving += System.Diagnostics.Stopwatch.GetElapsedTime(keeping);
        var written = new List<WrittenDocument>();
        foreach (var order in outcome.Documents.Concat(outcome.Campaigns.SelectMany(c => c.Documents)))
        {
            var before = System.Diagnostics.Stopwatch.GetTimestamp();
            var bytes = documents.Render(order);
            var rendered = System.Diagnostics.Stopwatch.GetTimestamp();
            written.Add(documents.Save(order, bytes));
            rendering += System.Diagnostics.Stopwatch.GetElapsedTime(before, rendered);
            saving += System.Diagnostics.Stopwatch.GetElapsedTime(rendered);
        }
        t.Written = written;
        var saved = System.Diagnostics.Stopwatch.GetTimestamp();
        phases.Add("Σ render documents", rendering);
        phases.Add("Σ save documents (hash, compare, write)", saving);
        phases.Add("Σ render and save documents (cpu of their threads)", ThreadTime.Current - processor);
        IReadOnlyList<DeliveryOrder> orders = [.. outcome.Deliveries, .. outcome.Campaigns.SelectMany(c => c.Deliveries)];
        var existing = orders.Count == 0 ? new HashSet<string>() : store.ExistingDeliveryKeys([.. orders.Select(o => o.IdempotencyKey)]);
        var owed = orders.Where(o => !existing.Contains(o.IdempotencyKey)).DistinctBy(o => o.IdempotencyKey).ToList();
        var keys = System.Diagnostics.Stopwatch.GetTimestamp();
        phases.Add("Σ existing delivery keys", System.Diagnostics.Stopwatch.GetElapsedTime(saved, keys));
        t.Messages = [.. ReminderDigests.Gather(t.Plan, t.Today, owed).Select(mail.Compose)];
        var composed = System.Diagnostics.Stopwatch.GetTimestamp();
        phases.Add("Σ render mail", System.Diagnostics.Stopwatch.GetElapsedTime(keys, composed));
        t.PackedBodies = [.. t.Messages.Select(m => MailBodies.Pack(m.TextBody, m.HtmlBody))];
        phases.Add("Σ pack mail bodies", System.Diagnostics.Stopwatch.GetElapsedTime(composed));
    }

    /// <summary>Applies consecutive plans' ticks together; a plan that failed before or fails here stops alone.</summary>
    private void Apply(List<PlanTick> group, DateTimeOffset now, Core.Calendar.WorkingCalendar calendar, DirectorySnapshot? directory, TickPhases phases)
    {
        // A plan the engine skipped as quiet (QuietTicks) is applied already: it has nothing to write.
        var ready = group.Where(t => t.Error is null && t.Applied is null).ToList();
        foreach (var t in ready)
        {
            _quiet.Ticked(t.Plan, t.Today, t.Snapshot!, calendar, directory, t.Outcome!, t.Written.Count, t.Messages.Count);
        }
        if (ready.Count == 0)
        {
            return;
        }
        IReadOnlyList<ApplyResult> results;
        try
        {
            results = store.Apply([.. ready.Select(t => new ReadyTick(t.Plan, t.Outcome!, t.Written, t.Messages, t.Today, t.Snapshot!, t.PackedBodies))], now, _options.Instance, phases.Add);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store reports each plan's failure in its place; this is for anything else, which stops the group's plans only.
            results = [.. ready.Select(_ => new ApplyResult(null, e))];
        }
        for (var k = 0; k < ready.Count; k++)
        {
            var (t, result) = (ready[k], results[k]);
            if (result.Applied is { } applied)
            {
                if (applied.WasSuperseded)
                {
                    logger.LogInformation("{Date} {Plan}: another instance applied this tick first; nothing applied here", Iso(t.Today), t.Plan.Key);
                }
                Log(t.Plan, t.Today, applied);
                t.Applied = applied;
            }
            else
            {
                t.Error = result.Error;
            }
            // What the report needs is in the applied tick; the rendered mail and documents can go.
            t.Messages = [];
            t.PackedBodies = [];
            t.Written = [];
            t.Outcome = null;
        }
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
