using Campaigns.Core.Engine;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Whole worker hosts (the services `run` builds, ticked directly) over one database, with the sample plan saved
/// broken: what a restart or a second instance does with a plan file it cannot read. Run on SQLite and on PostgreSQL
/// (the two subclasses at the end), where two instances are the production case.
/// </summary>
public abstract class PlanErrorHostTests(TestStore db) : IDisposable
{
    private const string WindowLine = "    window: { start: 2026-04-14, end: 2026-05-29 }";

    private readonly TempFolder _dir = new();
    private readonly LogCapture _log = new();

    public void Dispose()
    {
        _dir.Dispose();
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private string PlanPath
    {
        get
        {
            Directory.CreateDirectory(_dir.File("plans"));
            return _dir.File("plans", "2026.yaml");
        }
    }

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    private static string Broken => Sample.Replace(WindowLine, WindowLine.TrimEnd('}', ' '));

    private IHost Worker(SimulatedClock clock, string instance) => WorkerHost.Build([], schedule: false,
        new Dictionary<string, string?>(db.Settings)
        {
            ["Campaigns:Plans"] = _dir.File("plans"),
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Documents"] = _dir.File("documents"),
            ["Campaigns:MailPickup"] = _dir.File("mail"),
            ["Campaigns:Instance"] = instance,
            ["Logging:LogLevel:Default"] = "Warning",
        },
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new DrawSeedSource("plan-error-test"));
            services.AddSingleton<ILoggerProvider>(_log);
        });

    private static SimulatedClock At(int month, int day) => new(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(8)));

    private CampaignStore Store() => db.Open();

    private IReadOnlyList<DeliveryRow> Notices() => [.. Store().Deliveries().Where(d => d.Kind == PlanErrorNotices.Kind)];

    [Fact]
    public void Tick_FreshHostWhileFileIsBroken_RunsTheStoredLastGoodPlan()
    {
        File.WriteAllText(PlanPath, Sample);
        using (var first = Worker(At(3, 2), "first"))
        {
            first.Services.GetRequiredService<TickService>().Tick().Plans.Count.ShouldBe(1);
        }
        Store().TransitionLog().ShouldBeEmpty();
        File.WriteAllText(PlanPath, Broken);

        // Restarted after the first campaign's draw day, with the file still broken.
        using var second = Worker(At(4, 20), "second");
        var report = second.Services.GetRequiredService<TickService>().Tick();

        report.Plans.Single().PlanKey.ShouldBe("2026:清河县“双随机、一公开”工作领导小组办公室");
        Store().TransitionLog().ShouldContain(t => t.CampaignId == "qh-2026-netcafe" && t.To == "Drawn");
        Notices().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Tick_TwoInstancesOnOneDatabaseTickingRepeatedly_TellTheOfficeOnce()
    {
        File.WriteAllText(PlanPath, Sample);
        using var a = Worker(At(3, 2), "a");
        a.Services.GetRequiredService<TickService>().Tick();
        File.WriteAllText(PlanPath, Broken);
        using var b = Worker(At(3, 2), "b");

        var ticks = await Task.WhenAll(new[] { a, b }.Select(host => Task.Run(() =>
            Enumerable.Range(0, 3).Select(_ => host.Services.GetRequiredService<TickService>().Tick()).ToList())));

        ticks.SelectMany(t => t).ShouldAllBe(r => r.Plans.Count == 1);
        var notices = Notices();
        notices.Select(n => n.RecipientEmail).ShouldBe(["office@qinghe.example", "office2@qinghe.example"], ignoreOrder: true);
        notices.Select(n => n.IdempotencyKey).Distinct().Count().ShouldBe(2);
        // Each instance logs the bad version once, however often it ticks.
        _log.Errors.Count(e => e.Contains("keeps running")).ShouldBe(2);

        await b.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        Notices().ShouldAllBe(n => n.State == "sent");
        Directory.GetFiles(_dir.File("mail"), "*.eml").Length.ShouldBe(Store().Deliveries().Count(d => d.State == "sent"));
    }

    [Fact]
    public void Tick_NeverGoodPlan_RunsNothingAndQueuesNothing()
    {
        File.WriteAllText(PlanPath, Broken);
        using var host = Worker(At(4, 20), "only");

        host.Services.GetRequiredService<TickService>().Tick().Plans.ShouldBeEmpty();
        host.Services.GetRequiredService<TickService>().Tick().Plans.ShouldBeEmpty();

        Store().Campaigns().ShouldBeEmpty();
        Store().Deliveries().ShouldBeEmpty();
        _log.Errors.ShouldContain(e => e.Contains("2026.yaml:") && e.Contains("YAML 语法错误"));
    }
}

public sealed class PlanErrorHostOnSqliteTests() : PlanErrorHostTests(TestStore.Sqlite());

public sealed class PlanErrorHostOnPostgresTests() : PlanErrorHostTests(TestStore.Postgres());
