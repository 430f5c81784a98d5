using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.Results;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Engine;

public class MissingResultsTests
{
    private static readonly Draw Draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(),
        new DrawInput("fixed-seed", new DateOnly(2024, 4, 9), EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], new Dictionary<string, int>())).Draw!;

    private static ResultEntry Result(int entity, string department, string? item) =>
        new("qh-2024-netcafe", Draw.Entities[entity].Uscc, department, ResultCode.NoProblemFound, new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 13), null, Item: item);

    [Fact]
    public void Of_AnEntityIsDone_ByOneResultForAllItems_OrOneForEachItem()
    {
        // market checks 登记信息检查 and 公示信息检查 in the test plan.
        IReadOnlyList<ResultEntry> results =
        [
            Result(0, "market", null),
            Result(1, "market", "登记信息检查"), Result(1, "market", "公示信息检查"),
            Result(2, "market", "登记信息检查"),
        ];

        var missing = MissingResults.Of(TestPlans.NetCafe(), Draw, results).Single(m => m.DepartmentId == "market");

        missing.Entities.Select(e => e.Uscc).ShouldBe([Draw.Entities[2].Uscc]);
    }

    [Fact]
    public void Of_ResultsInAnyOrder_AllItemsResultStandsBeforeOrAfterItemResults()
    {
        IReadOnlyList<ResultEntry> results =
        [
            Result(0, "market", null), Result(0, "market", "登记信息检查"),
            Result(1, "market", "登记信息检查"), Result(1, "market", null),
            Result(2, "market", "公示信息检查"), Result(2, "market", "公示信息检查"),
        ];

        var missing = MissingResults.Of(TestPlans.NetCafe(), Draw, results).Single(m => m.DepartmentId == "market");

        missing.Entities.Select(e => e.Uscc).ShouldBe([.. Draw.Entities.Skip(2).Select(e => e.Uscc)]);
    }

    [Fact]
    public void Of_NoResults_EveryDepartmentMissesEveryEntity_AndAllResultsMissNone()
    {
        var campaign = TestPlans.NetCafe();
        MissingResults.Of(campaign, Draw, []).Select(m => (m.DepartmentId, m.Entities.Count))
            .ShouldBe([.. campaign.AllDepartments.Select(d => (d, Draw.Entities.Count))]);
        MissingResults.Of(campaign, Draw, [.. campaign.AllDepartments.SelectMany(d => Draw.Entities.Select((_, i) => Result(i, d, null)))]).ShouldBeEmpty();
    }

    [Fact]
    public void Of_TheSameDrawAskedAgain_WithResultsReadAgain_CountsTheNewResults()
    {
        // The answer is remembered per draw while its results are the same list: the engine asks every tick.
        var campaign = TestPlans.NetCafe();
        IReadOnlyList<ResultEntry> before = [Result(0, "market", null)];
        MissingResults.Of(campaign, Draw, before).Single(m => m.DepartmentId == "market").Entities.Count.ShouldBe(Draw.Entities.Count - 1);

        IReadOnlyList<ResultEntry> after = [.. before, Result(1, "market", null)];

        MissingResults.Of(campaign, Draw, after).Single(m => m.DepartmentId == "market").Entities.Count.ShouldBe(Draw.Entities.Count - 2);
        MissingResults.Of(campaign, Draw, before).Single(m => m.DepartmentId == "market").Entities.Count.ShouldBe(Draw.Entities.Count - 1);
    }
}
