using System.CommandLine;
using System.Text.Json;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Simulation;
using Campaigns.Storage;
using Microsoft.Extensions.Logging.Console;

namespace Campaigns.Cli;

public static class SimulateCommand
{
    public static Command Create()
    {
        var plan = new Option<FileInfo>("--plan") { Description = "plan file (YAML), or a folder of them (a province: every office's plan)", Required = true };
        var directory = new Option<DirectoryInfo>("--directory") { Description = "folder with entities.csv and inspectors.csv", Required = true };
        var from = new Option<DateOnly>("--from") { Description = "first simulated day (YYYY-MM-DD)", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "last simulated day (YYYY-MM-DD)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder for the database, documents and mail of the run", Required = true };
        var results = new Option<string>("--results") { Description = "how results get entered", DefaultValueFactory = _ => "on-time" }
            .AcceptOnlyFromAmong("on-time", "late", "missing");
        var noArchive = new Option<bool>("--no-archive") { Description = "leave reported campaigns unfiled (by default the simulated office archives each the next day)" };
        var seed = new Option<string>("--seed") { Description = "seed for draws and synthesised results", DefaultValueFactory = _ => "simulate" };
        var format = CliApp.FormatOption();
        var command = new Command("simulate", "Run the real engine on a simulated clock, day by day, and print what happened.")
        {
            plan, directory, from, to, output, results, noArchive, seed, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A folder of plans is read as the worker reads its plans folder: a plan in it that does not parse is logged and
            // its office told, as the worker would.
            var check = Directory.Exists(parse.GetValue(plan)!.FullName) ? null : ValidateCommand.Read(parse.GetValue(plan)!);
            if (check is { Plan: null })
            {
                check.Problems.ToList().ForEach(p => Console.Error.WriteLine(p.ToString()));
                return 1;
            }
            var mode = parse.GetValue(results) switch { "late" => ResultMode.Late, "missing" => ResultMode.Missing, _ => ResultMode.OnTime };
            var events = await RunAsync(
                parse.GetValue(plan)!.FullName, parse.GetValue(directory)!.FullName, parse.GetValue(output)!.FullName,
                parse.GetValue(from), parse.GetValue(to), mode, parse.GetValue(seed)!, cancellationToken, archive: !parse.GetValue(noArchive));
            Print(events, parse.GetValue(format)!);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Builds the worker's own services over the --out folder with a simulated clock and runs the days.
    /// Earlier simulate output in that folder is replaced, never added to.
    /// </summary>
    public static async Task<IReadOnlyList<SimulationEvent>> RunAsync(
        string plan, string directory, string output, DateOnly from, DateOnly to, ResultMode mode, string seed, CancellationToken cancellationToken,
        bool archive = true, StorageOptions? storage = null, int parallelism = 0, bool everyDay = false)
    {
        ResetOutput(output);
        var clock = new SimulatedClock(DateTimeOffset.UnixEpoch);
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = plan,
            ["Campaigns:Directories"] = directory,
            ["Campaigns:Database"] = Path.Combine(output, "campaigns.db"),
            ["Campaigns:Documents"] = Path.Combine(output, "documents"),
            ["Campaigns:MailPickup"] = Path.Combine(output, "mail"),
            ["Campaigns:Instance"] = "simulate",
            ["Campaigns:SmtpHost"] = null,
            // Its own SQLite file under --out unless told otherwise: a simulated year must never write into the production store.
            ["Storage:Provider"] = (storage?.Provider ?? StorageProviderKind.Sqlite).ToString(),
            ["Storage:ConnectionString"] = storage?.ConnectionString,
            // That file is thrown away with the run: its commits need not wait for the disk.
            ["Storage:Durable"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Campaigns:TickParallelism"] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var host = WorkerHost.Build([], schedule: false, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(clock);
            services.AddSingleton(new DrawSeedSource(seed));
            services.AddSingleton<SimulationRunner>();
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var runner = host.Services.GetRequiredService<SimulationRunner>();
        return await runner.RunAsync(from, to, new ResultSynthesizer(mode, seed), archive, cancellationToken, everyDay);
    }

    private static void ResetOutput(string output)
    {
        OwnerOnly.CreateFolder(output);
        foreach (var file in new[] { "campaigns.db", "campaigns.db-wal", "campaigns.db-shm" }.Select(f => Path.Combine(output, f)).Where(File.Exists))
        {
            File.Delete(file);
        }
        foreach (var folder in new[] { "documents", "mail", "archive" }.Select(f => Path.Combine(output, f)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Print(IReadOnlyList<SimulationEvent> events, string format)
    {
        if (format == "json")
        {
            Console.WriteLine(JsonSerializer.Serialize(events, TimelineCommand.Json));
            return;
        }
        foreach (var e in events)
        {
            var states = e.FromState is null ? "" : $" {e.FromState} -> {e.ToState}";
            Console.WriteLine($"{e.Date} {e.Campaign ?? "(office)"} {e.Event}{states} {e.Detail}");
        }
    }
}
