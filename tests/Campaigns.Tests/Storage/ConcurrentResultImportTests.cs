using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Dapper;

namespace Campaigns.Tests.Storage;

/// <summary>
/// Two imports of one campaign's results at the same moment, as two admins (or two `results import` processes, each with
/// its own store) would run them: on SQLite and on PostgreSQL (the two subclasses at the end).
/// </summary>
public abstract class ConcurrentResultImportTests(TestStore db) : IDisposable
{
    private const string CampaignId = "qh-2024-netcafe";
    private static readonly DateTimeOffset Now = new(2024, 6, 5, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2024, 6, 5);

    /// <summary>How many races each test runs: with the old read-then-write, 50 runs showed the loser accepted (see the report).</summary>
    private const int Runs = 50;

    private readonly AnnualPlan _plan = TestPlans.Plan(TestPlans.PublishedOn);

    /// <summary>Two stores on one database, as two processes have; opened once (each holds a connection pool on PostgreSQL).</summary>
    private readonly Lazy<(CampaignStore First, CampaignStore Second)> _stores =
        new(() => (db.Open(new SimulatedClock(Now)), db.Open(new SimulatedClock(Now))));

    public void Dispose()
    {
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Clears what a run entered, through the open store's pool.</summary>
    private void Sql(string sql)
    {
        using var connection = _stores.Value.First.Provider.Connect();
        connection.Execute(sql);
    }

    private Draw Drawn()
    {
        var store = _stores.Value.First;
        var tick = CampaignEngine.Tick(
            new TickContext(_plan, Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(), "seed", new Dictionary<string, int>()), OfficeFacts.None);
        store.Apply(_plan, tick, [], [], new DateOnly(2024, 4, 9), Now, "test");
        return store.Draw(CampaignId)!;
    }

    /// <summary>A result for every drawn entity and department, all with <paramref name="code"/>; with a reason and signer, a correction sheet.</summary>
    private Sheet Filled(Draw draw, ResultCode code, bool correction = false)
    {
        var rows = draw.Entities.SelectMany(e => _plan.Departments.Select(d => (IReadOnlyList<string>)
            [e.Uscc, d.Name, ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture), "2024-05-10", correction ? "复核" : "", correction ? "县长" : ""]));
        return new Sheet(["统一社会信用代码", "部门", "检查结果", "检查日期", "更正理由", "签字负责人"],
            [.. rows.Select((r, i) => new Sheet.Row(i + 2, r))]);
    }

    /// <summary>Both sheets entered at once, each through its own store; the two outcomes in start order.</summary>
    private async Task<(ResultImport.Outcome Outcome, int Added)[]> Race(Draw draw, Sheet first, Sheet second)
    {
        using var start = new Barrier(2);
        var campaign = _plan.Campaign(CampaignId);
        Task<(ResultImport.Outcome, int)> Import(CampaignStore store, Sheet sheet, string name) => Task.Run(() =>
        {
            start.SignalAndWait();
            return store.EnterResults(CampaignId, $"import:{name}", entered => ResultImport.Read(sheet, name, _plan, campaign, draw, entered, Today));
        });
        return await Task.WhenAll(Import(_stores.Value.First, first, "a.csv"), Import(_stores.Value.Second, second, "b.csv"));
    }

    [Fact]
    public async Task EnterResults_TwoSheetsWithDifferentCodesAtOnce_OneEntersWhole_TheOtherIsRefusedAsAlreadyEntered()
    {
        var draw = Drawn();
        var rows = draw.Entities.Count * _plan.Departments.Count;
        for (var run = 0; run < Runs; run++)
        {
            Sql("DELETE FROM results");

            var outcomes = await Race(draw, Filled(draw, ResultCode.NoProblemFound), Filled(draw, ResultCode.ProblemFoundCorrectionOrdered));

            var winner = outcomes.Where(o => o.Outcome.Problems.Count == 0).ShouldHaveSingleItem($"run {run}");
            var loser = outcomes.Where(o => o.Outcome.Problems.Count > 0).ShouldHaveSingleItem($"run {run}");
            winner.Added.ShouldBe(rows);
            loser.Added.ShouldBe(0);
            loser.Outcome.Problems.Count.ShouldBe(rows);
            loser.Outcome.Problems.ShouldAllBe(p => p.Message.Contains("录入为") && p.Message.Contains("不能直接修改"));
            var stored = _stores.Value.First.Results(CampaignId);
            stored.Count.ShouldBe(rows);
            stored.Select(r => r.Code).Distinct().ShouldHaveSingleItem().ShouldBe(winner.Outcome.Entries[0].Code);
        }
    }

    [Fact]
    public async Task EnterResults_TwoCorrectionSheetsAtOnce_TheSecondCorrectsTheFirstsCode_ChainUnbroken()
    {
        var draw = Drawn();
        var rows = draw.Entities.Count * _plan.Departments.Count;
        for (var run = 0; run < Runs / 5; run++)
        {
            Sql("DELETE FROM results; DELETE FROM result_corrections");
            _stores.Value.First.EnterResults(CampaignId, "import:first.csv",
                entered => ResultImport.Read(Filled(draw, ResultCode.NoProblemFound), "first.csv", _plan, _plan.Campaign(CampaignId), draw, entered, Today))
                .Outcome.Problems.ShouldBeEmpty();

            var outcomes = await Race(draw, Filled(draw, ResultCode.ProblemFoundCorrectionOrdered, correction: true), Filled(draw, ResultCode.ProblemFoundFollowUpPending, correction: true));

            outcomes.ShouldAllBe(o => o.Outcome.Problems.Count == 0 && o.Outcome.Corrections.Count == rows);
            var corrections = _stores.Value.First.Corrections(CampaignId);
            corrections.Count.ShouldBe(2 * rows);
            // Each result's second correction starts from the first's code: neither was checked against the stale code 1.
            foreach (var chain in corrections.GroupBy(c => (c.Uscc, c.DepartmentId)))
            {
                chain.Select(c => c.Previous).ShouldBe([ResultCode.NoProblemFound, chain.First().Code], $"run {run}");
            }
        }
    }
}

public sealed class ConcurrentResultImportOnSqliteTests() : ConcurrentResultImportTests(TestStore.Sqlite());

public sealed class ConcurrentResultImportOnPostgresTests() : ConcurrentResultImportTests(TestStore.Postgres());
