using Campaigns.Core.Engine;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Two offices' plans in one folder, one of which fails in the middle of its tick (its campaign rows damaged in the
/// store, as a bad restore or a hand edit leaves them): the other office's tick and mail go on, the failure is logged
/// and its office told once.
/// </summary>
public sealed class TickIsolationTests : IDisposable
{
    private const string QingheOffice = "清河县“双随机、一公开”工作领导小组办公室";

    private readonly TempFolder _dir = new();
    private readonly TestStore _db = TestStore.Sqlite();
    private readonly LogCapture _log = new();

    public void Dispose()
    {
        _dir.Dispose();
        _db.Dispose();
    }

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    private IHost Worker(int month, int day) => WorkerHost.Build([], schedule: false,
        new Dictionary<string, string?>(WorkerSettings.For(_dir, _dir.File("plans"), _db.Settings)) { ["Campaigns:Instance"] = "isolation" },
        services =>
        {
            services.AddSingleton<TimeProvider>(new SimulatedClock(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(8))));
            services.AddSingleton(new DrawSeedSource("isolation-test"));
            services.AddSingleton<ILoggerProvider>(_log);
        });

    [Fact]
    public async Task Tick_OnePlanThrows_OtherPlanStillTicksAndMails()
    {
        Directory.CreateDirectory(_dir.File("plans"));
        File.WriteAllText(_dir.File("plans", "a-qinghe.yaml"), Sample);
        File.WriteAllText(_dir.File("plans", "b-heping.yaml"), Sample
            .Replace("清河县“双随机", "和平县“双随机").Replace("qh-2026-", "hp-2026-").Replace("@qinghe.example", "@heping.example"));
        using (var publication = Worker(3, 20))
        {
            publication.Services.GetRequiredService<TickService>().Tick().Failed.ShouldBeEmpty();
        }
        _db.Execute("UPDATE campaigns SET state = 'Damaged' WHERE id LIKE 'qh-%'");
        var before = _db.Open().Deliveries().Count(d => d.IdempotencyKey.StartsWith("hp-2026-"));

        // The first campaign's draw day: both plans owe a tick that draws and mails.
        using var host = Worker(4, 14);
        var ticks = host.Services.GetRequiredService<TickService>();
        var report = ticks.Tick();
        ticks.Tick();

        var failed = report.Failed.ShouldHaveSingleItem();
        failed.PlanKey.ShouldBe($"2026:{QingheOffice}");
        report.Plans.Select(p => p.PlanKey).ShouldBe(["2026:和平县“双随机、一公开”工作领导小组办公室"]);
        var store = _db.Open();
        store.TransitionLog().ShouldContain(t => t.CampaignId == "hp-2026-netcafe" && t.To == "Drawn");
        store.Deliveries().Count(d => d.IdempotencyKey.StartsWith("hp-2026-")).ShouldBeGreaterThan(before);
        _log.Errors.ShouldContain(e => e.Contains("a-qinghe.yaml") && e.Contains("failed"));
        // Told once, to each office contact of the failing plan, though it failed on both ticks.
        var notices = store.Deliveries().Where(d => d.Kind == TickErrorNotices.Kind).ToList();
        notices.Select(n => n.RecipientEmail).ShouldBe(["office@qinghe.example", "office2@qinghe.example"], ignoreOrder: true);
        notices.ShouldAllBe(n => n.Subject.Contains("未能处理"));

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        var sent = _db.Open().Deliveries().Where(d => d.State == "sent").ToList();
        sent.ShouldContain(d => d.RecipientEmail.EndsWith("@heping.example"));
        sent.ShouldContain(d => d.Kind == TickErrorNotices.Kind);
    }
}
