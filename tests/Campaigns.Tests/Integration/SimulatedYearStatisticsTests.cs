using Campaigns.Cli;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;
using Campaigns.Core.Statistics;
using Campaigns.Core.Timeline;
using Campaigns.Documents;
using Campaigns.Host;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Statistics of a simulated year with late results, checked against what the simulation put in the store, in the
/// documents each reported campaign wrote and in the statistics command's office-year 汇总表.
/// </summary>
public class SimulatedYearStatisticsTests : IDisposable
{
    private static readonly string PlanPath = Repository.Path("config", "plans", "2026.yaml");
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    // One simulated year (the slow part) for both checks.
    [Fact]
    public async Task Simulate_LateYear_StatisticsAgreeWithTheStore_AndReportsCarryThem()
    {
        await SimulateCommand.RunAsync(PlanPath, Repository.Path("config", "directories"), _out.Path,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), ResultMode.Late, "test-seed", CancellationToken.None);
        OfficeYearAgreesWithTheStore();
        ReportedCampaignsWriteAndMailTheWorkbookAndCsv();
    }

    private void OfficeYearAgreesWithTheStore()
    {
        var plan = PlanParser.Parse(File.ReadAllText(PlanPath), PlanPath).Plan!;
        var timeline = CampaignTimeline.For(plan, Calendars.Shipped);
        var store = CampaignStore.Open(_out.File("campaigns.db"));
        var drawn = plan.Campaigns.Where(c => store.Draw(c.Id) is not null).ToList();
        drawn.ShouldNotBeEmpty();

        var output = _out.File("year.xlsx");
        using (var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = PlanPath,
            ["Campaigns:Database"] = _out.File("campaigns.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        }))
        {
            StatisticsCommand.Write(host.Services, new FileInfo(PlanPath), null, "xlsx", new FileInfo(output)).ShouldBe(0);
        }

        // The year from the store, counted here without the statistics code.
        var results = drawn.SelectMany(c => store.Results(c.Id)).ToList();
        results.ShouldNotBeEmpty();
        var entitiesChecked = drawn.Sum(c => store.Results(c.Id).Select(r => r.Uscc).Distinct().Count());
        var inspectors = drawn.Sum(c => store.Draw(c.Id)!.Groups.Sum(g => g.Members.Count));
        var onTime = drawn.Sum(c => store.Results(c.Id).Count(r =>
            r.EnteredOn <= timeline.Single(m => m.CampaignId == c.Id && m.Kind == MilestoneKind.ResultEntryDeadline).Date));
        // Every entity drawn and reported has a result from each department.
        foreach (var campaign in drawn.Where(c => store.Campaigns().Single(r => r.Id == c.Id).State == "Reported"))
        {
            store.Results(campaign.Id).Count.ShouldBe(store.Draw(campaign.Id)!.Entities.Count * campaign.AllDepartments.Count);
        }

        var sheet = StatisticsWorkbookTests.Cells(File.ReadAllBytes(output), StatisticsWorkbook.TableSheet);
        var totalRow = sheet.Count(c => c.Key.StartsWith('A'));
        sheet[$"A{totalRow}"].Value.ShouldBe("合计");
        int Figure(char column) => sheet[$"{column}{totalRow}"].Type is null ? int.Parse(sheet[$"{column}{totalRow}"].Value) : -1;
        Figure('B').ShouldBe(entitiesChecked);
        Figure('C').ShouldBe(inspectors);
        Figure('J').ShouldBe(results.Count);
        Figure('K').ShouldBe(onTime);
        // Late mode enters every result after its deadline.
        onTime.ShouldBe(0);
        // Department lines add up to the total where the unit allows (项, 条; 户 may overlap between departments).
        int Column(char column) => Enumerable.Range(2, totalRow - 2).Sum(r => int.Parse(sheet[$"{column}{r}"].Value));
        Column('C').ShouldBe(inspectors);
        Column('E').ShouldBe(results.Count(r => r.Code.IsProblem()));
        Column('J').ShouldBe(results.Count);
        var codes = StatisticsWorkbookTests.Cells(File.ReadAllBytes(output), StatisticsWorkbook.CodesSheet);
        var totalColumn = (char)('C' + totalRow - 2);
        Enumerable.Range(1, 10).Sum(code => int.Parse(codes[$"{totalColumn}{code + 1}"].Value)).ShouldBe(results.Count);
        foreach (var code in results.GroupBy(r => (int)r.Code))
        {
            codes[$"{totalColumn}{code.Key + 1}"].Value.ShouldBe(code.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private void ReportedCampaignsWriteAndMailTheWorkbookAndCsv()
    {
        var plan = PlanParser.Parse(File.ReadAllText(PlanPath), PlanPath).Plan!;
        var timeline = CampaignTimeline.For(plan, Calendars.Shipped);
        var store = CampaignStore.Open(_out.File("campaigns.db"));
        var reported = store.Campaigns().Where(c => c.State is "Reported" or "Archived").Select(c => plan.Campaign(c.Id)).ToList();
        reported.ShouldNotBeEmpty();

        foreach (var campaign in reported)
        {
            var table = StatisticsTable.ForCampaign(plan, new CampaignResults(campaign, store.Draw(campaign.Id)!, store.Results(campaign.Id),
                timeline.Single(m => m.CampaignId == campaign.Id && m.Kind == MilestoneKind.ResultEntryDeadline).Date));
            // The same table gives the same bytes, so what the engine wrote is exactly the store's statistics.
            File.ReadAllBytes(_out.File("documents", "2026", campaign.Id, "statistics.xlsx")).ShouldBe(StatisticsWorkbook.Write(table));
            var csv = Sheet.Load(File.ReadAllBytes(_out.File("documents", "2026", campaign.Id, "statistics.csv")), "statistics.csv").Sheet!;
            csv.Rows[^1][0].ShouldBe("合计");
            csv.Rows[^1][csv.Headers.ToList().IndexOf("检查结果（条）")].ShouldBe(store.Results(campaign.Id).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var summary = store.Deliveries().Where(d => d.Kind == "summary-report" && d.CampaignId == campaign.Id).ToList();
            summary.ShouldNotBeEmpty();
        }
        var mails = Directory.GetFiles(_out.File("mail"), "*.eml").Select(File.ReadAllText).Where(m => m.Contains("statistics.xlsx")).ToList();
        mails.Count.ShouldBeGreaterThanOrEqualTo(reported.Count);
        mails.ShouldAllBe(m => m.Contains("statistics.csv") && m.Contains("summary-report.html"));
    }
}
