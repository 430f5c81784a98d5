using Campaigns.Archive;
using Campaigns.Cli;
using Campaigns.Core.Lifecycle;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Jobs;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Hosting;

/// <summary>
/// Issue 12's archive work on Hangfire: once the tick has archived a campaign, the worker's ArchiveJob files its bundle.
/// The store is the ledger (an archived campaign with no bundle filed since is owed one), so a process that dies between
/// the tick's commit and the enqueue loses nothing, and a job that runs twice, or two at once, files one bundle. On SQLite
/// and on PostgreSQL (the two subclasses at the end).
/// </summary>
public abstract class ArchiveJobTests(TestStore db) : IDisposable
{
    private static readonly DateOnly Requested = new(2026, 12, 31);
    private readonly TempFolder _out = new();

    public void Dispose()
    {
        _out.Dispose();
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string?> Settings() => new(db.Settings)
    {
        // simulate keeps SQLite in its own file under its output folder.
        ["Campaigns:Database"] = _out.File("campaigns.db"),
        ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
        ["Campaigns:Directories"] = Repository.Path("config", "directories"),
        ["Campaigns:Documents"] = _out.File("documents"),
        ["Campaigns:MailPickup"] = _out.File("mail"),
        ["Campaigns:ClusterCheckinInterval"] = "00:00:01",
        ["Campaigns:HttpPort"] = "0",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private IHost Host(bool schedule, SimulatedClock clock) => WorkerHost.Build([], schedule, Settings(), services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new DrawSeedSource("test-seed"));
    });

    /// <summary>The campaign's archive-filed rows since its last transition (the one to Archived).</summary>
    private static int FilingsSinceArchived(CampaignStore store, string campaignId)
    {
        var trail = store.AuditTrailOf(campaignId);
        var archived = trail.Last(e => e.Action == "transition").Seq;
        return trail.Count(e => e.Action == "archive-filed" && e.Seq > archived);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(100))
        {
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(60), what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Run_KilledBetweenTheTicksArchiveAndTheEnqueue_TheNextStartFilesEachBundleOnce()
    {
        // A year on time, left reported; then the office asks to archive two campaigns.
        await SimulateCommand.RunAsync(Repository.Path("config", "plans", "2026.yaml"), Repository.Path("config", "directories"), _out.Path,
            new DateOnly(2026, 1, 1), Requested, ResultMode.OnTime, "test-seed", CancellationToken.None, archive: false, storage: db.Storage);
        var clock = new SimulatedClock(new DateTimeOffset(Requested.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        using (var ticking = Host(schedule: false, clock))
        {
            var store = ticking.Services.GetRequiredService<CampaignStore>();
            store.ArchivesOwed().ShouldBeEmpty("reported, not archived");
            store.RequestArchive("qh-2026-netcafe", Requested, clock.GetUtcNow(), "cli:archive").Recorded.ShouldBeTrue();
            store.RequestArchive("qh-2026-food", Requested, clock.GetUtcNow(), "cli:archive").Recorded.ShouldBeTrue();
            // The tick archives them and commits; the process ends before anything reaches Hangfire: this host has none.
            ticking.Services.GetRequiredService<TickService>().Tick();
            store.ArchivesOwed().ShouldBe(["qh-2026-food", "qh-2026-netcafe"]);

            // The same job run twice at once: the check and the filing are one step, so one of them files.
            var filer = ticking.Services.GetRequiredService<ArchiveFiler>();
            var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => filer.FileOwed("qh-2026-food", ArchiveJob.Actor))));
            runs.OfType<FiledBundle>().ShouldHaveSingleItem();
            FilingsSinceArchived(store, "qh-2026-food").ShouldBe(1);
            store.ArchivesOwed().ShouldBe(["qh-2026-netcafe"]);
        }
        Directory.GetFiles(_out.File("archive"), "qh-2026-netcafe*").ShouldBeEmpty("nothing has filed netcafe's bundle yet");

        // The next start's sweep finds the campaign owed, and its ArchiveJob files the bundle.
        using var worker = Host(schedule: true, clock);
        await worker.StartAsync();
        var ledger = worker.Services.GetRequiredService<CampaignStore>();
        await WaitUntil(() => ledger.ArchivesOwed().Count == 0, "the worker never filed the owed bundle");
        await HostTicks.WaitFor(worker);
        FilingsSinceArchived(ledger, "qh-2026-netcafe").ShouldBe(1);
        var filing = ledger.AuditTrailOf("qh-2026-netcafe").Last(e => e.Action == "archive-filed");
        filing.Actor.ShouldBe(ArchiveJob.Actor);
        var bundle = ArchiveBundle.Read(_out.File("archive", "qh-2026-netcafe.archive.zip"));
        var manifestBytes = bundle.Single(e => e.Path == "manifest.json").Content;
        filing.DetailJson.ShouldContain(Campaigns.Core.Archive.ArchiveManifest.Sha256(manifestBytes), Case.Sensitive, "the file on disk is the bundle the store recorded");
        var manifest = CampaignArchive.ReadManifest(manifestBytes)!;
        manifest.State.ShouldBe(nameof(CampaignState.Archived));
        manifest.ArchiveRequestedOn.ShouldBe(Requested);
        bundle.ShouldContain(e => e.Path == "documents/summary-report.html");

        // Run again (from the dashboard, say): nothing is owed, nothing filed, the bundle stays the recorded one.
        var storage = worker.Services.GetRequiredService<JobStorage>();
        var again = worker.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ArchiveJob>(job => job.File("qh-2026-netcafe"));
        using (var connection = storage.GetConnection())
        {
            await WaitUntil(() => connection.GetStateData(again)?.Name == SucceededState.StateName, "the second run never ended");
        }
        FilingsSinceArchived(ledger, "qh-2026-netcafe").ShouldBe(1);
        FilingsSinceArchived(ledger, "qh-2026-food").ShouldBe(1);
        worker.Services.GetRequiredService<ArchiveSweep>().Enqueue().ShouldBe(0);
        ArchiveBundle.Read(_out.File("archive", "qh-2026-netcafe.archive.zip")).Single(e => e.Path == "manifest.json").Content.ShouldBe(manifestBytes);
        ledger.VerifyAuditTrail().ShouldBeNull();
        await worker.StopAsync();
    }
}

public sealed class ArchiveJobOnSqliteTests() : ArchiveJobTests(TestStore.Sqlite());

public sealed class ArchiveJobOnPostgresTests() : ArchiveJobTests(TestStore.Postgres());
