using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Campaigns.Calendar;
using Campaigns.Core.Plans;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>
/// Times the daily tick of a province year (a benchmark, not a test): <see cref="ProvincePlans"/> and
/// <see cref="ProvinceDirectoryFiles"/> in a temporary folder, the real host on a simulated clock, taken through the year
/// (publication, draw, windows) and timed on the draw day, a day when nothing is due, the result-entry deadline day
/// and the first day after it (results missing: flags, overdue notices and breach reports for every campaign). A day
/// that changes the store is timed each run from a saved copy of the store, so every run does the same work.
/// </summary>
public static class BenchTickCommand
{
    /// <summary>A province: the directory spreads its entities over this many counties whatever the number of plans.</summary>
    public const int ProvinceCounties = 200;

    // Issue 17's targets at 2,000 campaigns, on either store.
    private static readonly TimeSpan DrawTarget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NothingDueTarget = TimeSpan.FromSeconds(0.25);
    private static readonly TimeSpan DeadlineTarget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan OverdueTarget = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var campaigns = new Option<int>("--campaigns") { Description = "campaigns, ten to an office's plan", DefaultValueFactory = _ => 2_000 };
        var entities = new Option<int>("--entities") { Description = "entities in the directory", DefaultValueFactory = _ => 1_000_000 };
        var inspectors = new Option<int>("--inspectors") { Description = "inspectors in the directory", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "timed runs of each day (the draw day: --draw-runs)", DefaultValueFactory = _ => 3 };
        var drawRuns = new Option<int>("--draw-runs") { Description = "timed runs of the draw day", DefaultValueFactory = _ => 1 };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "run on PostgreSQL: a server connection string; the benchmark creates its own databases there (default: SQLite)",
        };
        var verbose = new Option<bool>("--verbose") { Description = "every tick of the year with its time, and where each timed tick's time went" };
        var keep = new Option<bool>("--keep") { Description = "keep the generated folder (plans, directories, store) and print where it is" };
        var generateOnly = new Option<bool>("--generate-only")
        {
            Description = "write the plans and directories and tick nothing (with --keep: the input of a province-year simulate)",
        };
        var command = new Command("bench-tick", "Benchmark: the daily tick of a generated province year (nothing due, draw day, result-entry deadline).")
        {
            campaigns, entities, inspectors, runs, drawRuns, postgres, verbose, keep, generateOnly,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(campaigns);
            if (n < 1 || parse.GetValue(entities) < ProvinceCounties * ProvincePlans.Industries.Length || parse.GetValue(runs) < 1 || parse.GetValue(drawRuns) < 1)
            {
                await Console.Error.WriteLineAsync($"bench-tick: --campaigns and the runs must be at least 1, --entities at least {ProvinceCounties * ProvincePlans.Industries.Length}");
                return 2;
            }
            var folder = Directory.CreateTempSubdirectory("campaigns-bench-tick-");
            try
            {
                var options = new BenchTickOptions(n, parse.GetValue(entities), parse.GetValue(inspectors), parse.GetValue(runs), parse.GetValue(drawRuns),
                    parse.GetValue(postgres), parse.GetValue(verbose), parse.GetValue(generateOnly));
                return await RunAsync(options, folder.FullName, cancellationToken);
            }
            finally
            {
                if (parse.GetValue(keep))
                {
                    Console.WriteLine($"kept: {folder.FullName}");
                }
                else
                {
                    folder.Delete(recursive: true);
                }
            }
        });
        return command;
    }

    private static Task<int> RunAsync(BenchTickOptions o, string folder, CancellationToken cancellationToken)
    {
        // Read back by scripts and tests: a decimal point and no locale's digit grouping surprises.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var plans = (o.Campaigns + ProvincePlans.CampaignsPerPlan - 1) / ProvincePlans.CampaignsPerPlan;
        var counties = Math.Max(ProvinceCounties, plans);
        var watch = Stopwatch.StartNew();
        var plansFolder = Path.Combine(folder, "plans");
        Directory.CreateDirectory(plansFolder);
        for (var county = 0; county < plans; county++)
        {
            var yaml = ProvincePlans.Yaml(county, Math.Min(ProvincePlans.CampaignsPerPlan, o.Campaigns - county * ProvincePlans.CampaignsPerPlan));
            var path = Path.Combine(plansFolder, ProvincePlans.FileName(county));
            var parsed = PlanParser.Parse(yaml, path);
            if (parsed.Plan is null || parsed.Problems.Any(x => x.Severity == ProblemSeverity.Error))
            {
                parsed.Problems.ToList().ForEach(x => Console.Error.WriteLine(x.ToString()));
                return Task.FromResult(1);
            }
            File.WriteAllText(path, yaml);
        }
        ProvinceDirectoryFiles.Write(Path.Combine(folder, "directories"), o.Entities, o.Inspectors, counties);
        Console.WriteLine($"bench-tick: {o.Campaigns:N0} campaigns in {plans:N0} plans, {o.Entities:N0} entities in {counties} counties, " +
            $"{o.Inspectors:N0} inspectors; store {(o.Postgres is null ? "SQLite" : "PostgreSQL")}; generated in {watch.Elapsed.TotalSeconds:F1} s");
        if (o.GenerateOnly)
        {
            return Task.FromResult(0);
        }

        var database = Path.Combine(folder, "campaigns.db");
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = plansFolder,
            ["Campaigns:Directories"] = Path.Combine(folder, "directories"),
            ["Campaigns:Database"] = database,
            ["Campaigns:Documents"] = Path.Combine(folder, "documents"),
            // Nothing is dispatched: the outbox only queues, and a message that were sent would go to this folder.
            ["Campaigns:MailPickup"] = Path.Combine(folder, "mail"),
            ["Campaigns:Instance"] = "bench-tick",
            ["Campaigns:SmtpHost"] = null,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Its own store always, never the one the environment names.
        var benchDatabase = o.Postgres is { } server ? PostgresStoreCopy.CreateDatabase(server, $"campaigns_bench_tick_{o.Campaigns}") : null;
        settings["Storage:Provider"] = benchDatabase is null ? nameof(StorageProviderKind.Sqlite) : nameof(StorageProviderKind.PostgreSql);
        settings["Storage:ConnectionString"] = benchDatabase;
        var clock = new SimulatedClock(DateTimeOffset.UnixEpoch);
        using var host = WorkerHost.Build([], schedule: false, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new DrawSeedSource("bench-tick"));
            services.Configure<ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var worker = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        var ticks = host.Services.GetRequiredService<TickService>();
        var calendar = host.Services.GetRequiredService<CalendarSource>().Load(worker.Resolve(worker.Calendar));
        IStoreCopy copies = host.Services.GetRequiredService<StoreProvider>() is PostgresProvider pg
            ? new PostgresStoreCopy(o.Postgres!, benchDatabase!, pg)
            : new SqliteStoreCopy(database);
        var days = BenchTickDays.From(calendar);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        BenchTickMeasurement Tick(DateOnly day, string label)
        {
            var local = day.ToDateTime(new TimeOnly(9, 0));
            clock.Set(new DateTimeOffset(local, zone.GetUtcOffset(local)));
            var started = Stopwatch.GetTimestamp();
            var report = ticks.Tick();
            var elapsed = Stopwatch.GetElapsedTime(started);
            using var process = Process.GetCurrentProcess();
            var measurement = new BenchTickMeasurement(elapsed, report.Plans.Sum(p => p.Applied.Transitions.Count), report.Plans.Sum(p => p.Applied.FlagsRaised.Count),
                report.Plans.Sum(p => p.Applied.DeliveriesQueued.Count), process.PeakWorkingSet64, report.Phases);
            if (o.Verbose)
            {
                Console.WriteLine($"  {label,-12} {day:yyyy-MM-dd} {elapsed.TotalSeconds,8:F3} s  {measurement.Transitions,6} transitions {measurement.FlagsRaised,6} flags " +
                    $"{measurement.Queued,7} queued");
            }
            return measurement;
        }

        BenchTickMeasurement Measured(DateOnly day, string label)
        {
            var m = Tick(day, label);
            if (o.Verbose && m.Phases is { } phases)
            {
                Console.WriteLine("    " + string.Join(", ", phases.Totals.Select(x => $"{x.Phase} {x.Elapsed.TotalMilliseconds:F0} ms" +
                    (phases.ProcessorTime(x.Phase) is { } cpu ? $" (cpu {cpu.TotalMilliseconds:F0} ms)" : ""))));
            }
            return m;
        }

        // A day that changes the store is timed from a saved copy each run, so every run does the same work.
        List<BenchTickMeasurement> Timed(DateOnly day, string label, int count)
        {
            copies.Save(label);
            var measured = new List<BenchTickMeasurement>();
            for (var run = 0; run < count; run++)
            {
                copies.Restore(label);
                measured.Add(Measured(day, label));
            }
            return measured;
        }

        var rows = new List<BenchTickRow>();
        var first = Measured(days.Publication, "cold");
        // The peak so far: the draw day's row shows whether the draw day raised it above what reading the directory took.
        Console.WriteLine($"first tick (cold: reads {o.Entities:N0} entities, every plan, publishes every campaign): {first.Elapsed.TotalSeconds:F2} s, " +
            $"peak working set {first.PeakWorkingSetBytes / 1_048_576:N0} MiB");
        Tick(days.DrawReminder, "setup");
        rows.Add(new BenchTickRow("draw", days.Draw, Timed(days.Draw, "draw", o.DrawRuns), DrawTarget));
        days.BeforeNothingDue.ToList().ForEach(d => Tick(d, "setup"));
        Tick(days.NothingDue, "nothing-due");
        rows.Add(new BenchTickRow("nothing-due", days.NothingDue, [.. Enumerable.Range(0, o.Runs).Select(_ => Measured(days.NothingDue, "nothing-due"))], NothingDueTarget));
        days.BeforeDeadline.ToList().ForEach(d => Tick(d, "setup"));
        rows.Add(new BenchTickRow("deadline", days.Deadline, Timed(days.Deadline, "deadline", o.Runs), DeadlineTarget));
        rows.Add(new BenchTickRow("overdue", days.Overdue, Timed(days.Overdue, "overdue", o.Runs), OverdueTarget));
        Print(o, rows);
        return Task.FromResult(0);
    }

    private static void Print(BenchTickOptions o, IReadOnlyList<BenchTickRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"{"day",-12} {"date",-10} {"runs",4} {"min s",8} {"median s",8} {"max s",8} {"transitions",11} {"flags",6} {"queued",7} {"peak WS MiB",11}  target");
        foreach (var row in rows)
        {
            // The targets are set at 2,000 campaigns; smaller runs show the growth towards them.
            var target = row.Target is { } t
                ? $"≤ {t.TotalSeconds:0.##} s at 2,000 campaigns{(o.Campaigns >= 2_000 ? row.Median <= t ? ": met" : ": missed" : "")}"
                : "";
            Console.WriteLine($"{row.Day,-12} {row.Date:yyyy-MM-dd} {row.Runs.Count,4} {row.Min.TotalSeconds,8:F3} {row.Median.TotalSeconds,8:F3} {row.Max.TotalSeconds,8:F3} " +
                $"{row.Runs[0].Transitions,11} {row.Runs[0].FlagsRaised,6} {row.Runs[0].Queued,7} {row.Runs.Max(r => r.PeakWorkingSetBytes) / 1_048_576,11}  {target}");
        }
        Console.WriteLine($"({o.Campaigns:N0} campaigns; wall time of TickService.Tick alone; peak working set of the whole process so far)");
    }
}
