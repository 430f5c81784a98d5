using Campaigns.Cli;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Integration;

/// <summary>
/// A whole year of the shipped sample plan through the real engine and the pickup folder, on SQLite and on
/// PostgreSQL (the two subclasses at the end).
/// </summary>
public abstract class SimulatedYearTests(TestStore db) : IDisposable
{
    private static readonly string PlanPath = Repository.Path("config", "plans", "2026.yaml");
    private readonly TempFolder _out = new();

    public void Dispose()
    {
        _out.Dispose();
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The store simulate wrote: its own file under --out on SQLite, the test database on PostgreSQL.</summary>
    private CampaignStore Store() => db.Storage.Provider == StorageProviderKind.Sqlite ? CampaignStore.Open(_out.File("campaigns.db")) : db.Open();

    private static AnnualPlan SamplePlan() => PlanParser.Parse(File.ReadAllText(PlanPath), PlanPath).Plan!;

    private Task<IReadOnlyList<SimulationEvent>> Simulate(ResultMode mode) => SimulateCommand.RunAsync(
        PlanPath, Repository.Path("config", "directories"), _out.Path,
        new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), mode, "test-seed", CancellationToken.None, storage: db.Storage);

    [Fact]
    public async Task Simulate_OnTimeYear_EveryCampaignReportedAndArchivedWithoutFlags()
    {
        var events = await Simulate(ResultMode.OnTime);

        var store = Store();
        var plan = SamplePlan();
        store.Campaigns().Select(c => (c.Id, c.State)).ShouldBe(plan.Campaigns.Select(c => (c.Id, "Archived")), ignoreOrder: true);
        events.ShouldNotContain(e => e.Event == "flag-raised");
        foreach (var campaign in plan.Campaigns)
        {
            events.Where(e => e.Campaign == campaign.Id && e.Event == "transition").Select(e => e.ToState).ShouldBe(
                ["Published", "Drawn", "Notified", "Inspecting", "ResultEntry", "AwaitingPublication", "Publicized", "Reported", "Archived"]);
            Directory.GetFiles(_out.File("documents", "2026", campaign.Id)).Length.ShouldBeGreaterThan(4);
            // The bundle the simulated office filed holds the campaign's documents and verifies against its manifest.
            var bundle = Campaigns.Archive.ArchiveBundle.Read(_out.File("archive", $"{campaign.Id}.archive.zip"));
            bundle.ShouldContain(e => e.Path == "documents/summary-report.html");
            var manifest = Campaigns.Archive.CampaignArchive.ReadManifest(bundle.Single(e => e.Path == "manifest.json").Content)!;
            manifest.Files.Count.ShouldBe(bundle.Count - 1);
            // Built side by side with the day's other bundles, filed one by one: each still anchors to an intact chain.
            (manifest.AuditTrail.Intact, manifest.AuditTrail.HeadSeq >= manifest.AuditTrail.LastSeq).ShouldBe((true, true));
            store.AuditTrailOf(campaign.Id).ShouldContain(a => a.Action == "archive-filed" && a.DetailJson.Contains(Campaigns.Core.Archive.ArchiveManifest.Sha256(
                bundle.Single(e => e.Path == "manifest.json").Content)));
        }
        store.CheckAuditTrail().BrokenAt.ShouldBeNull();
    }

    [Fact]
    public async Task Simulate_LateResults_FlagsOnTheDayAfterEachDeadline_BreachReportsOnWorkingDaysOnly()
    {
        var events = await Simulate(ResultMode.Late);
        var plan = SamplePlan();
        var timeline = CampaignTimeline.For(plan, Calendars.Shipped);

        foreach (var campaign in plan.Campaigns)
        {
            DateOnly Deadline(MilestoneKind kind) => timeline.Single(m => m.CampaignId == campaign.Id && m.Kind == kind).Date;
            var raised = events.Where(e => e.Campaign == campaign.Id && e.Event == "flag-raised").ToList();
            if (Deadline(MilestoneKind.ResultEntryDeadline).Year == 2026 && Deadline(MilestoneKind.ResultEntryDeadline) < new DateOnly(2026, 12, 31))
            {
                var dayAfter = Deadline(MilestoneKind.ResultEntryDeadline).AddDays(1).ToString("yyyy-MM-dd");
                raised.Where(e => e.Detail.StartsWith(FlagKind.ResultsOverdue.WireName())).Select(e => e.Date).Distinct().ShouldBe([dayAfter]);
                raised.Count(e => e.Detail.StartsWith(FlagKind.ResultsOverdue.WireName())).ShouldBe(campaign.AllDepartments.Count);
            }
            // Publicity is 20 working days (002 五(三)7, 003 §20(四), 004 §23): pharmacy's falls in 2027, after the simulated year.
            var publicity = raised.Where(e => e.Detail.StartsWith(FlagKind.PublicityOverdue.WireName())).Select(e => e.Date).ToList();
            publicity.ShouldBe(Deadline(MilestoneKind.PublicityDeadline) < new DateOnly(2026, 12, 31)
                ? [Deadline(MilestoneKind.PublicityDeadline).AddDays(1).ToString("yyyy-MM-dd")]
                : []);
        }

        var breachDays = events.Where(e => e.Event == "delivery" && e.Detail.StartsWith("breach-report")).Select(e => DateOnly.Parse(e.Date)).Distinct().ToList();
        breachDays.ShouldNotBeEmpty();
        breachDays.ShouldAllBe(d => Calendars.Shipped.IsWorkingDay(d));
        // Late results clear the flags again: by the end every campaign that could finish in 2026 is reported.
        events.ShouldContain(e => e.Event == "flag-cleared");
    }

    [Fact]
    public async Task Simulate_LateYear_AtMostOneReminderMessagePerRecipientPerDay()
    {
        var events = await Simulate(ResultMode.Late);
        var reminders = events.Where(e => e.Event == "delivery" && e.Detail.StartsWith("reminder to ")).ToList();
        reminders.GroupBy(e => (e.Date, Recipient: e.Detail.Split(':')[0])).ShouldAllBe(g => g.Count() == 1);
        // The sample plan's campaigns share departments, so some days gather several reminders into one digest.
        reminders.ShouldContain(e => e.Detail.Contains("待办事项"));
        // Pharmacy's result entry runs into 2027, whose holiday notice is not out: its reminders say the date is provisional.
        var into2027 = reminders.Where(e => e.Detail.Contains("（2027年")).ToList();
        into2027.ShouldNotBeEmpty();
        into2027.ShouldAllBe(e => e.Detail.Contains("暂定"));
    }

    [Fact]
    public async Task Simulate_EveryQueuedMessageWrittenOnce()
    {
        var events = await Simulate(ResultMode.Missing);
        var store = Store();
        var deliveries = store.Deliveries();
        deliveries.ShouldAllBe(d => d.State == "sent");
        deliveries.Count.ShouldBe(events.Count(e => e.Event == "delivery"));
        Directory.GetFiles(_out.File("mail"), "*.eml").Length.ShouldBe(deliveries.Count);
        events.ShouldContain(e => e.Event == "flag-raised" && e.Detail.StartsWith("summary-overdue"));
    }
}

public sealed class SimulatedYearOnSqliteTests() : SimulatedYearTests(TestStore.Sqlite());

public sealed class SimulatedYearOnPostgresTests() : SimulatedYearTests(TestStore.Postgres());
