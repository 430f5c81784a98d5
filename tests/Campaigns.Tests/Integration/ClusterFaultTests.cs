using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Campaigns.Cli;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Npgsql;
using Xunit.Abstractions;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Issue 5, faults to survive: three `campaigns run` processes on one PostgreSQL database tick the sample plan through a
/// simulated year on a shared fast clock, mailing a real SMTP server, while the test kills workers (SIGKILL) or restarts
/// the database or the SMTP server. What must hold: every outbox row ends sent; every sent row's Message-ID arrived, twice
/// only where a send completed and its mark was lost (per kill, or per instance and database restart, at most the marks
/// waiting for a group commit, OutboxDispatcher.MaxUnmarked; none on a graceful stop); no transition
/// recorded twice; the final states and transitions those a single-process simulate of the year reaches. The figures
/// (kills, duplicates, messages, transitions, real durations) go to the test output and bin/…/cluster-faults.txt; they
/// are never asserted on, as they depend on the machine.
/// </summary>
public sealed partial class ClusterFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));

    // The workers are stopped well before the year's last day: stopping takes real time in which the fast clock runs on
    // (with Kestrel and Hangfire to stop too, a worker ticked 3 January 2027 after a stop on 30 December, 12 days a
    // second), and a drain run on a slow clock then ticks 31 December, so no tick ever sees 2027.
    private static readonly DateTimeOffset YearStop = new(2026, 12, 18, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset DrainStart = new(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Workers = ["w1", "w2", "w3"];

    // The workers' SMTP connections (the default): each sends one message at a time.
    private static readonly int Connections = new WorkerOptions().SmtpConnections;

    // A worker's sent messages whose marks wait for the next group commit, over all its connections: what a kill can cut
    // from their marks.
    private const int Unmarked = OutboxDispatcher.MaxUnmarked;

    // Three cold workers on two cores need seconds to start Quartz and JIT their first tick; the shared clock reaches
    // 1 January only after that (before it, it reads days of 2025, when the 2026 plan owes nothing).
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    // Seeded so a failing run can be repeated: CAMPAIGNS_CLUSTER_SEED overrides it.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGNS_CLUSTER_SEED"), out var s) ? s : 20260105;

    // One single-process simulate of the year, shared by the tests: what the cluster must reach.
    private static readonly Lazy<Task<Reference>> Simulated = new(SimulateYear, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Cluster_ThreeWorkersNoFaults_EverythingSentOnceTransitionsOnceStatesAsSimulated()
    {
        var figures = await RunYear("no faults", PostgresServer.CreateDatabase(), TimeSpan.FromSeconds(30), (_, _, end) => Until(end, null));

        // No worker is killed; every worker is stopped at the year's end. A stop claims nothing more but lets the messages
        // in hand finish and their marks commit, so nothing may arrive twice.
        figures.Duplicates.ShouldBe(0, "a graceful stop must not cut a sent message from its mark");
    }

    [Fact]
    public async Task Cluster_RandomWorkerKilledAndRestarted_NothingLostOnlyUnmarkedSendsRepeated()
    {
        var random = new Random(Seed);
        var kills = 0;
        var year = TimeSpan.FromSeconds(60);
        var figures = await RunYear("random kill -9", PostgresServer.CreateDatabase(), year, async (cluster, _, end) =>
        {
            var last = end - year;
            while (true)
            {
                // Every 5 to 15 s of the year (the warm-up before it is left alone).
                var next = (last > DateTimeOffset.UtcNow ? last : DateTimeOffset.UtcNow) + TimeSpan.FromSeconds(5 + random.NextDouble() * 10);
                if (next > end - TimeSpan.FromSeconds(2))
                {
                    break;
                }
                await Until(next, cluster);
                var victim = Workers[random.Next(Workers.Length)];
                cluster.Kill(victim);
                cluster.Start(victim);
                kills++;
                last = DateTimeOffset.UtcNow;
            }
            await Until(end, cluster);
            return new Faults(kills, 0);
        });

        figures.Faults.Kills.ShouldBeGreaterThan(0);
        // Each of the killed worker's connections may lose the marks of the messages it sent since the last group commit.
        figures.Duplicates.ShouldBeLessThanOrEqualTo(figures.Faults.Kills * Unmarked);
    }

    [Fact]
    public async Task Cluster_PostgresRestartedUnderLoad_WorkersReconnectNothingHalfApplied()
    {
        using var database = PostgresCluster.Start();
        var random = new Random(Seed + 1);
        var year = TimeSpan.FromSeconds(40);
        var figures = await RunYear("PostgreSQL restarts", database.CreateDatabase(), year, async (cluster, _, end) =>
        {
            var restarts = 0;
            foreach (var at in new[] { 0.2 + random.NextDouble() * 0.25, 0.55 + random.NextDouble() * 0.25 })
            {
                await Until(end - (1 - at) * year, cluster);
                database.Stop();
                await Until(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2 + random.NextDouble() * 2), cluster);
                database.Restart();
                restarts++;
            }
            await Until(end, cluster);
            return new Faults(0, restarts);
        });

        figures.Faults.DatabaseRestarts.ShouldBe(2);
        // Each connection of each instance may lose the mark of the one message it was sending when the server went away.
        figures.Duplicates.ShouldBeLessThanOrEqualTo(Workers.Length * figures.Faults.DatabaseRestarts * Unmarked);
    }

    [Fact]
    public async Task Cluster_SmtpOutagesWithKills_NothingLostNothingChargedToTheMessages()
    {
        var random = new Random(Seed + 2);
        var year = TimeSpan.FromSeconds(40);
        var figures = await RunYear("SMTP outages with kills", PostgresServer.CreateDatabase(), year, async (cluster, smtp, end) =>
        {
            var kills = 0;
            var outages = 0;
            foreach (var at in new[] { 0.2 + random.NextDouble() * 0.2, 0.55 + random.NextDouble() * 0.2 })
            {
                await Until(end - (1 - at) * year, cluster);
                smtp.Stop();
                outages++;
                // A worker dies while the server is away (its pass stopped, its rows uncharged), another after it is back.
                await Until(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1 + random.NextDouble() * 2), cluster);
                Kill(cluster, random);
                kills++;
                await Until(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1 + random.NextDouble() * 2), cluster);
                smtp.Restart();
                await Until(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(random.NextDouble()), cluster);
                Kill(cluster, random);
                kills++;
            }
            await Until(end, cluster);
            return new Faults(kills, 0, outages);
        });

        figures.Faults.SmtpOutages.ShouldBe(2);
        // Every row ended sent (RunYear): an outage charged no attempt and dead-lettered nothing. A server killed between
        // writing a message and answering 250 leaves it unmarked, like a killed worker: one per connection of each instance.
        figures.Duplicates.ShouldBeLessThanOrEqualTo(figures.Faults.Kills * Unmarked + Workers.Length * figures.Faults.SmtpOutages * Connections);
    }

    [Fact]
    public async Task Cluster_KilledDuringTheFinalDrain_TheRestartedWorkerSendsTheRest()
    {
        var year = TimeSpan.FromSeconds(30);
        // The server is away for the year's last part, so the drain starts with a backlog to send; it is back for the drain.
        var figures = await RunYear("kill during the drain", PostgresServer.CreateDatabase(), year, async (cluster, smtp, end) =>
        {
            await Until(end - 0.3 * year, cluster);
            smtp.Stop();
            await Until(end, cluster);
            return new Faults(0, 0, 1);
        }, killDuringDrain: true);

        figures.Faults.Kills.ShouldBe(1);
        figures.Faults.DrainBacklog.ShouldBeGreaterThan(0, "the drain had messages to send when it was killed");
        // A kill in the middle of the backlog: the messages sent since the last group commit go again, with their Message-IDs.
        // The outage before it counts as in the outage test: a server stopped between taking a message and answering 250
        // leaves it unmarked, one per connection of each instance.
        figures.Duplicates.ShouldBeLessThanOrEqualTo(Unmarked + Workers.Length * figures.Faults.SmtpOutages * Connections);
    }

    private static void Kill(WorkerCluster cluster, Random random)
    {
        var victim = Workers[random.Next(Workers.Length)];
        cluster.Kill(victim);
        cluster.Start(victim);
    }

    private sealed record Faults(int Kills, int DatabaseRestarts, int SmtpOutages = 0, long DrainBacklog = 0);

    private sealed record Figures(Faults Faults, int Duplicates);

    private sealed record Reference(IReadOnlyDictionary<string, string> States, IReadOnlyList<string> Transitions, TimeSpan Took);

    /// <summary>
    /// The scenario from start to drained: three workers through the year while <paramref name="faults"/> runs, a graceful
    /// stop, a drain run, then every figure printed and every invariant asserted.
    /// </summary>
    private async Task<Figures> RunYear(
        string scenario, string connectionString, TimeSpan yearReal, Func<WorkerCluster, SmtpServer, DateTimeOffset, Task<Faults>> faults,
        bool killDuringDrain = false)
    {
        // Before the workers start, not beside them: on two cores it would take the CPU their ticks need.
        var reference = await Simulated.Value;
        using var smtp = SmtpServer.Start();
        var speed = (YearStop - YearStart).TotalSeconds / yearReal.TotalSeconds;
        var origin = DateTimeOffset.UtcNow + WarmUp;
        var shared = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = connectionString,
            ["Campaigns__Plans"] = Repository.Path("config", "plans", "2026.yaml"),
            ["Campaigns__Directories"] = Repository.Path("config", "directories"),
            ["Campaigns__Database"] = _dir.File("unused.db"),
            ["Campaigns__Documents"] = _dir.File("documents"),
            ["Campaigns__MailPickup"] = _dir.File("mail"),
            ["Campaigns__SmtpHost"] = smtp.Host,
            ["Campaigns__SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns__ClockStart"] = YearStart.ToString("O"),
            ["Campaigns__ClockOrigin"] = origin.ToString("O"),
            ["Campaigns__ClockSpeed"] = speed.ToString("R", CultureInfo.InvariantCulture),
            ["Campaigns__TickInterval"] = "00:00:00.25",
            ["Campaigns__DispatchInterval"] = "00:00:00.25",
            ["Campaigns__ClusterCheckinInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var cluster = new WorkerCluster(shared);
        Faults happened;
        TimeSpan drained;
        try
        {
            foreach (var worker in Workers)
            {
                cluster.Start(worker);
            }
            happened = await faults(cluster, smtp, origin + yearReal);
            cluster.StopAll();
            if (!smtp.IsRunning)
            {
                smtp.Restart();
            }
            (drained, var backlog, var drainKilled) = await Drain(cluster, connectionString, killDuringDrain);
            happened = happened with { Kills = happened.Kills + (drainKilled ? 1 : 0), DrainBacklog = backlog };
        }
        catch
        {
            output.WriteLine(cluster.Tail());
            throw;
        }
        var year = DateTimeOffset.UtcNow - origin - drained;

        using var provider = new PostgresProvider(connectionString);
        var store = CampaignStore.Open(provider, TimeProvider.System);
        var deliveries = store.Deliveries();
        var expected = deliveries.ToDictionary(d => OutboxDispatcher.MessageId(d.IdempotencyKey), d => d);
        var received = ReceivedIds(smtp.Folder);
        var arrivals = received.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var repeated = arrivals.Where(a => a.Value > 1).ToList();
        var duplicates = repeated.Sum(a => a.Value - 1);
        var transitions = Transitions(connectionString);
        var ticks = store.TickLog();

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"== cluster faults: {scenario} (seed {Seed})")
            .AppendLine(CultureInfo.InvariantCulture, $"real: year {year.TotalSeconds:F1} s at speed {speed:F0} ({speed / 86400:F2} simulated days per real second), drain {drained.TotalSeconds:F1} s")
            .AppendLine(CultureInfo.InvariantCulture, $"faults: {happened.Kills} kills (SIGKILL, restarted at once), {happened.DatabaseRestarts} PostgreSQL restarts, {happened.SmtpOutages} SMTP outages; drain began with {happened.DrainBacklog} unsent; {cluster.Starts} process starts, {cluster.Crashes.Count} crashes{string.Concat(cluster.Crashes.Select(c => $" {c}"))}, {cluster.ErrorLines} errors logged{string.Concat(cluster.FirstErrors.Distinct().Select(e => $"\n  {e}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"deliveries: {deliveries.Count} rows ({string.Join(", ", deliveries.GroupBy(d => d.State).Select(g => $"{g.Count()} {g.Key}"))})")
            .AppendLine(CultureInfo.InvariantCulture, $"messages: {expected.Count} expected, {received.Count} received, {arrivals.Count} distinct Message-IDs, {duplicates} duplicates{string.Concat(repeated.Select(r => $" {r.Key}×{r.Value}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"transitions: {transitions.Count} ({string.Join(", ", transitions.GroupBy(t => t.Instance).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); simulate: {reference.Transitions.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"ticks applied: {ticks.Count} over {ticks.Select(t => t.OnDate).Distinct().Count()} office days ({string.Join(", ", ticks.GroupBy(t => t.Instance).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))})")
            .AppendLine(CultureInfo.InvariantCulture, $"final states: {string.Join(", ", store.Campaigns().GroupBy(c => c.State).Select(g => $"{g.Count()} {g.Key}"))}; simulate (results missing) took {reference.Took.TotalSeconds:F1} s")
            .ToString();
        output.WriteLine(report);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "cluster-faults.txt"), report + Environment.NewLine);

        cluster.Crashes.ShouldBeEmpty("a worker ended on its own:\n" + cluster.Tail());
        deliveries.ShouldNotBeEmpty();
        deliveries.Where(d => d.State != "sent").Select(d => $"{d.Id} {d.State} {d.LastError}").ShouldBeEmpty();
        expected.Keys.Where(id => !arrivals.ContainsKey(id)).ShouldBeEmpty("every sent row's Message-ID must have arrived");
        arrivals.Keys.Where(id => !expected.ContainsKey(id)).ShouldBeEmpty("every arrival must be recognisable as an outbox row");

        transitions.ShouldNotBeEmpty();
        transitions.GroupBy(t => (t.CampaignId, t.From, t.To)).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        transitions.Select(t => t.Instance).Distinct().ShouldBeSubsetOf(Workers);
        // Versions order the applied ticks; a plan's office day never goes back, whoever applied it.
        foreach (var plan in ticks.GroupBy(t => t.PlanKey))
        {
            var days = plan.OrderBy(t => t.Version).Select(t => t.OnDate).ToList();
            days.ShouldBe([.. days.Order(StringComparer.Ordinal)]);
        }
        store.VerifyAuditTrail().ShouldBeNull();

        // Days skipped while ticks failed over change which reminders go out (only the latest after a gap), not where a
        // campaign goes: with no results entered, states and transitions are those of simulate --results missing.
        transitions.Select(t => $"{t.CampaignId} {t.From}->{t.To}").Order(StringComparer.Ordinal).ShouldBe(reference.Transitions);
        store.Campaigns().ToDictionary(c => c.Id, c => c.State).ShouldBe(reference.States);
        return new Figures(happened, duplicates);
    }

    /// <summary>
    /// One worker on a slow clock set to the year's last day: it ticks 31 December and sends whatever the stopped ones
    /// left pending; stopped once that tick is in and nothing is pending. Returns how long it took.
    /// </summary>
    private static async Task<(TimeSpan Took, long Backlog, bool Killed)> Drain(WorkerCluster cluster, string connectionString, bool kill)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // A row is due from its own time. On a loaded machine the stopping workers' fast clock runs on for real seconds, so
        // their last tick may have queued rows later on 31 December than the drain's start: it starts at the latest of them.
        var start = DrainStart;
        await using (var latest = new NpgsqlCommand("SELECT max(next_attempt_at) FROM deliveries WHERE state = 'pending'", connection))
        {
            if (await latest.ExecuteScalarAsync() is string text
                && DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToOffset(DrainStart.Offset) is var due && due > start)
            {
                start = due;
            }
        }
        var backlog = await Scalar(connection, "SELECT count(*) FROM deliveries WHERE state <> 'sent'");
        var began = DateTimeOffset.UtcNow;
        var clock = new Dictionary<string, string>
        {
            ["Campaigns__ClockStart"] = start.ToString("O"),
            ["Campaigns__ClockOrigin"] = began.ToString("O"),
            // A minute per real second: a retry's back-off passes quickly, and the day cannot end.
            ["Campaigns__ClockSpeed"] = "60",
        };
        cluster.Start("w1", clock);
        var killed = false;
        var lastDay = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        while (true)
        {
            // The tick log first: a tick's outbox rows commit with its log row, so none can appear after this read.
            var ticked = await Scalar(connection, $"SELECT count(*) FROM tick_log WHERE on_date = '{lastDay}'");
            var unsent = await Scalar(connection, "SELECT count(*) FROM deliveries WHERE state <> 'sent'");
            if (kill && !killed && (unsent < backlog || ticked > 0))
            {
                // Sending has begun (or the day's tick is in): kill -9 in the middle of it, and start the worker again.
                cluster.Kill("w1");
                cluster.Start("w1", clock);
                killed = true;
                continue;
            }
            if (ticked > 0 && unsent == 0)
            {
                break;
            }
            (DateTimeOffset.UtcNow - began).ShouldBeLessThan(TimeSpan.FromMinutes(1), $"the drain run did not finish: {ticked} ticks on {lastDay}, {unsent} unsent");
            cluster.RestartCrashed();
            await Task.Delay(kill && !killed ? 20 : 250);
        }
        cluster.StopAll();
        return (DateTimeOffset.UtcNow - began, backlog, killed);
    }

    /// <summary>Waits until <paramref name="until"/>, starting again any worker that ended on its own meanwhile.</summary>
    private static async Task<Faults> Until(DateTimeOffset until, WorkerCluster? cluster)
    {
        while (DateTimeOffset.UtcNow < until)
        {
            cluster?.RestartCrashed();
            var left = until - DateTimeOffset.UtcNow;
            await Task.Delay(left < TimeSpan.FromMilliseconds(500) ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : TimeSpan.FromMilliseconds(500));
        }
        return new Faults(0, 0);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private sealed record Transition(string CampaignId, string From, string To, string Instance);

    private static List<Transition> Transitions(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT campaign_id, from_state, to_state, instance FROM transitions ORDER BY seq", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<Transition>();
        while (reader.Read())
        {
            rows.Add(new Transition(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return rows;
    }

    /// <summary>The Message-ID local part of every message the SMTP server wrote, one entry per arrival.</summary>
    private static List<string> ReceivedIds(string folder) =>
        [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(file =>
        {
            var text = Encoding.ASCII.GetString(File.ReadAllBytes(file));
            var headers = text[..Math.Max(0, text.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
            var match = MessageIdHeader().Match(headers);
            return match.Success ? match.Groups[1].Value : $"(none in {Path.GetFileName(file)})";
        })];

    [GeneratedRegex(@"^Message-ID:\s*<([^@>]+)@", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();

    private static async Task<Reference> SimulateYear()
    {
        var folder = Path.Combine(Path.GetTempPath(), "campaigns-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var began = DateTimeOffset.UtcNow;
            await SimulateCommand.RunAsync(
                Repository.Path("config", "plans", "2026.yaml"), Repository.Path("config", "directories"), folder,
                DateOnly.FromDateTime(YearStart.DateTime), DateOnly.FromDateTime(DrainStart.DateTime), ResultMode.Missing, "cluster-reference",
                CancellationToken.None);
            var took = DateTimeOffset.UtcNow - began;
            var store = CampaignStore.Open(Path.Combine(folder, "campaigns.db"));
            return new Reference(
                store.Campaigns().ToDictionary(c => c.Id, c => c.State),
                [.. store.TransitionLog().Select(t => $"{t.CampaignId} {t.From}->{t.To}").Order(StringComparer.Ordinal)],
                took);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
