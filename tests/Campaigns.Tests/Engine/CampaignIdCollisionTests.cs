using Campaigns.Cli;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Engine;

/// <summary>Two offices' plans that use the same campaign ids: the later file is refused, and nothing of it reaches the other office.</summary>
public class CampaignIdCollisionTests : IDisposable
{
    private const string OtherOffice = "故城县“双随机、一公开”工作领导小组办公室";

    private readonly TempFolder _dir = new();
    private readonly LogCapture _log = new();

    public CampaignIdCollisionTests()
    {
        Directory.CreateDirectory(_dir.File("plans"));
        File.WriteAllText(_dir.File("plans", "a-qinghe.yaml"), Sample);
        File.WriteAllText(_dir.File("plans", "b-gucheng.yaml"), Other);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    /// <summary>The sample as the next county would copy it: its own office and addresses, the same campaign ids.</summary>
    private static string Other => Sample
        .Replace("清河县“双随机、一公开”工作领导小组办公室", OtherOffice)
        .Replace("qinghe.example", "gucheng.example");

    private PlanCatalog Catalog(string database) => new(
        CampaignStore.Open(database, new SimulatedClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)))),
        new MailComposer(TemplateSet.Load(Repository.Path("templates"))), TimeProvider.System,
        Options.Create(new WorkerOptions { Instance = "test" }), _log.For<PlanCatalog>());

    [Fact]
    public void Load_TwoOfficesSameIds_LaterFileRefusedAtTheIdsLine()
    {
        var plans = Catalog(_dir.File("campaigns.db")).Load(_dir.File("plans"));

        plans.ShouldHaveSingleItem().Office.Name.ShouldStartWith("清河县");
        var lines = Other.ReplaceLineEndings("\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Trim() == "- id: qh-2026-netcafe") + 1;
        var column = lines[line - 1].IndexOf("qh-2026-netcafe", StringComparison.Ordinal) + 1;
        _log.Errors.ShouldContain(e => e.Contains($"b-gucheng.yaml:{line}:{column}: ") && e.Contains("抽查任务编号“qh-2026-netcafe”重复") && e.Contains("a-qinghe.yaml"));
    }

    [Fact]
    public async Task Simulate_TwoOfficesSameIds_OnlyTheFirstRuns_NoMailNamesTheOtherOffice_AndTheStoreKeepsTheIdsForTheFirst()
    {
        var output = _dir.File("out");

        await SimulateCommand.RunAsync(_dir.File("plans"), Repository.Path("config", "directories"), output,
            new DateOnly(2026, 3, 15), new DateOnly(2026, 7, 10), ResultMode.Missing, "test-seed", CancellationToken.None);

        var database = Path.Combine(output, "campaigns.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            var mail = connection.Query<(string Email, string Subject, string Text)>("SELECT recipient_email, subject, text_body FROM deliveries").AsList();
            mail.ShouldContain(m => m.Email == "leader@qinghe.example", "the first office's leaders get their breach reports");
            mail.ShouldAllBe(m => !m.Email.EndsWith("gucheng.example", StringComparison.Ordinal));
            mail.ShouldAllBe(m => !m.Subject.Contains("故城县") && !m.Text.Contains("故城县"));
            connection.Query<string>("SELECT DISTINCT plan_key FROM campaigns").ShouldHaveSingleItem().ShouldBe("2026:清河县“双随机、一公开”工作领导小组办公室");
        }

        // The first office's file goes; the second's ids are still the first office's in the store, so it stays refused.
        File.Delete(_dir.File("plans", "a-qinghe.yaml"));
        Catalog(database).Load(_dir.File("plans")).ShouldBeEmpty();
        _log.Errors.ShouldContain(e => e.Contains("b-gucheng.yaml:") && e.Contains("数据库中该编号已属于“2026:清河县"));
    }
}
