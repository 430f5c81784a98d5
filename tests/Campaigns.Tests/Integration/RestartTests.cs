using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Integration;

/// <summary>
/// The `run` host itself (Generic Host, Quartz, pickup folder) stopped and started again mid-year: on SQLite with Quartz in
/// memory, and on PostgreSQL with Quartz's clustered store (the two subclasses at the end).
/// </summary>
public abstract class RestartTests(TestStore db) : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        _dir.Dispose();
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private IHost Worker(SimulatedClock clock, string? plans = null) => WorkerHost.Build([], schedule: true,
        new Dictionary<string, string?>(WorkerSettings.For(_dir, plans ?? Repository.Path("config", "plans", "2026.yaml"), db.Settings))
        {
            ["Campaigns:ClusterCheckinInterval"] = "00:00:01",
            ["Campaigns:HttpPort"] = "0",
        },
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new DrawSeedSource("restart-test"));
        });

    /// <summary>Starts the worker, waits for its tick on start to finish, and stops it (Quartz waits for the job).</summary>
    private static async Task RunOnce(IHost host)
    {
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        await host.StopAsync();
    }

    private string[] Mail() => Directory.Exists(_dir.File("mail")) ? [.. Directory.GetFiles(_dir.File("mail"), "*.eml").Order()] : [];

    [Fact]
    public async Task Run_RestartedOnSameDayAndNextDay_SendsNothingTwice()
    {
        // Mid-year, after the first campaign's draw: the first start catches up on everything owed so far.
        var clock = new SimulatedClock(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var first = Worker(clock))
        {
            await RunOnce(first);
        }
        var store = db.Open();
        var sent = store.Deliveries();
        sent.ShouldNotBeEmpty();
        sent.ShouldAllBe(d => d.State == "sent");
        var mail = Mail();
        mail.Length.ShouldBe(sent.Count);
        var transitions = store.TransitionLog().Count;
        transitions.ShouldBeGreaterThan(0);

        using (var second = Worker(clock))
        {
            await RunOnce(second);
        }
        store.Deliveries().Count.ShouldBe(sent.Count);
        Mail().ShouldBe(mail);
        store.TransitionLog().Count.ShouldBe(transitions);

        // The next day is a new day: only what that day owes is added, nothing from before is repeated.
        clock.Set(clock.GetUtcNow().AddDays(1));
        using (var third = Worker(clock))
        {
            await RunOnce(third);
        }
        var after = store.Deliveries();
        after.Take(sent.Count).Select(d => d.IdempotencyKey).ShouldBe(sent.Select(d => d.IdempotencyKey));
        after.Select(d => d.IdempotencyKey).Distinct().Count().ShouldBe(after.Count);
        Mail().Length.ShouldBe(after.Count);
    }

    [Fact]
    public async Task Run_KilledBetweenTheTicksCommitAndTheEnqueue_NextStartSendsEveryOwedMessage()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        // The tick commits what it owes, and the process ends before anything reaches Hangfire: this host has no Hangfire.
        using (var ticking = WorkerHost.Build([], schedule: false, new Dictionary<string, string?>(db.Settings)
            {
                ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
                ["Campaigns:Directories"] = Repository.Path("config", "directories"),
                ["Campaigns:Documents"] = _dir.File("documents"),
                ["Campaigns:MailPickup"] = _dir.File("mail"),
                ["Logging:LogLevel:Default"] = "Warning",
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new DrawSeedSource("restart-test"));
            }))
        {
            ticking.Services.GetRequiredService<TickService>().Tick();
        }
        var store = db.Open();
        var owed = store.Deliveries("pending");
        owed.ShouldNotBeEmpty();
        Mail().ShouldBeEmpty();

        using (var worker = Worker(clock))
        {
            await RunOnce(worker);
        }
        store.Deliveries("pending").ShouldBeEmpty();
        store.Deliveries("sent").Select(d => d.IdempotencyKey).Order().ShouldBe(owed.Select(d => d.IdempotencyKey).Order());
        Mail().Length.ShouldBe(owed.Count);
    }

    [Fact]
    public async Task Run_PlanFileSaved_TicksWithoutWaitingForCron()
    {
        var plan = _dir.File("plans", "2026.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(plan)!);
        File.Copy(Repository.Path("config", "plans", "2026.yaml"), plan);
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        using var host = Worker(clock, Path.GetDirectoryName(plan));
        await host.StartAsync();
        await HostTicks.WaitFor(host, 1);

        File.AppendAllText(plan, "# 管理员保存了计划\n");
        await HostTicks.WaitFor(host, 2);
        await host.StopAsync();
    }
}

public sealed class RestartOnSqliteTests() : RestartTests(TestStore.Sqlite());

public sealed class RestartOnPostgresTests() : RestartTests(TestStore.Postgres());
