using Campaigns.Cli;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Engine;

/// <summary>A plan saved cut short (it still parses) must not drop a campaign that has been drawn.</summary>
public class DrawnCampaignsTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly LogCapture _log = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    /// <summary>The sample cut just before its second campaign (qh-2026-food, drawn on 20 May): still a valid plan.</summary>
    private static string Truncated => Sample[..Sample.IndexOf("  - id: qh-2026-food", StringComparison.Ordinal)];

    private string PlanPath => _dir.File("plans", "2026.yaml");

    private string Database => _dir.File("out", "campaigns.db");

    private PlanCatalog Catalog() => new(
        CampaignStore.Open(Database, new SimulatedClock(new DateTimeOffset(2026, 5, 22, 9, 0, 0, TimeSpan.FromHours(8)))),
        new MailComposer(TemplateSet.Load(Repository.Path("templates"))), new SimulatedClock(new DateTimeOffset(2026, 5, 22, 9, 0, 0, TimeSpan.FromHours(8))),
        Options.Create(new WorkerOptions { Instance = "test" }), _log.For<PlanCatalog>());

    private int Notices() => CampaignStore.Open(Database).Deliveries().Count(d => d.Kind == PlanErrorNotices.Kind);

    [Fact]
    public async Task Load_TruncatedSaveThatParses_DrawnCampaignKeepsRunning_OfficeTold_AcrossRestarts_UntilListedAgain()
    {
        Directory.CreateDirectory(_dir.File("plans"));
        File.WriteAllText(PlanPath, Sample);
        await SimulateCommand.RunAsync(_dir.File("plans"), Repository.Path("config", "directories"), _dir.File("out"),
            new DateOnly(2026, 3, 15), new DateOnly(2026, 5, 21), ResultMode.OnTime, "test-seed", CancellationToken.None);
        CampaignStore.Open(Database).Draw("qh-2026-food").ShouldNotBeNull();
        PlanParser.Parse(Truncated, PlanPath).Plan.ShouldNotBeNull("the cut still parses");

        File.WriteAllText(PlanPath, Truncated);
        var plan = Catalog().Load(_dir.File("plans")).ShouldHaveSingleItem();

        plan.Campaigns.Select(c => c.Id).ShouldBe(["qh-2026-netcafe", "qh-2026-food"], "drawn: kept; entertainment and pharmacy, not drawn yet, go");
        var food = plan.Campaign("qh-2026-food");
        var listed = PlanParser.Parse(Sample, PlanPath).Plan!.Campaign("qh-2026-food");
        (food.Name, food.Lead, food.DrawOn, food.Window, food.SummaryDue).ShouldBe((listed.Name, listed.Lead, listed.DrawOn, listed.Window, listed.SummaryDue));
        food.AllDepartments.ShouldAllBe(d => plan.Departments.Any(known => known.Id == d));
        _log.Entries.ShouldContain(e => e.Message.Contains("“qh-2026-food”") && e.Message.Contains("没有列出"));
        var told = Notices();
        told.ShouldBeGreaterThan(0, "the office contacts are mailed");

        // A restart reads the cut file again: the store still knows where the campaign came from.
        Catalog().Load(_dir.File("plans")).ShouldHaveSingleItem().Campaigns.ShouldContain(c => c.Id == "qh-2026-food");
        Notices().ShouldBe(told, "the same version is told once");

        // Listed again: it runs from the file, and nobody is told anything more.
        File.WriteAllText(PlanPath, Sample.Replace("summary_due: 2026-07-31", "summary_due: 2026-07-30"));
        Catalog().Load(_dir.File("plans")).ShouldHaveSingleItem().Campaigns.Count.ShouldBe(4);
        Notices().ShouldBe(told);
    }

    [Fact]
    public void Parse_SecondYamlDocument_WarnsAtItsStart()
    {
        var text = Sample + "---\ncampaigns:\n  - id: qh-2026-extra\n";

        var result = PlanParser.Parse(text, "2026.yaml");

        result.Plan.ShouldNotBeNull();
        var line = text.ReplaceLineEndings("\n").Split('\n').ToList().IndexOf("---") + 2;
        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Warning && p.Location.Line == line && p.Message.Contains("第二个 YAML 文档"));
    }
}
