using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Cli;

/// <summary>`publish-check-items`: the office records that a change of the published check-item list was made public (004 §8).</summary>
public sealed class CheckItemChangeCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PublishCheckItems_ListsThenConfirmsOnce_BadInputChangesNothing()
    {
        var database = _dir.File("campaigns.db");
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var now = new DateTimeOffset(2024, 4, 8, 9, 0, 0, TimeSpan.FromHours(8));
        CampaignStore.Open(database).AcceptPlan(new LastGoodPlan("2024.yaml", "year: 2024", "sha-2", now), "test",
            new PendingCheckItemChange(plan, new DateOnly(2024, 4, 8), "sha-1", new CheckItemChange([new("market", [], ["公示信息检查"])])));
        var environment = new Dictionary<string, string> { ["Campaigns__Database"] = database, ["Campaigns__Plans"] = "config/plans/2026.yaml" };

        var list = await CliProcess.Run(environment, "publish-check-items");
        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain($"1\t{plan.Key}\t2024-04-08调整\t尚未公开");

        var bad = await CliProcess.Run(environment, "publish-check-items", "--change", "1", "--url", "qinghe", "--on", "2024-04-01");
        bad.ExitCode.ShouldBe(1);
        bad.ErrorLines.Length.ShouldBe(2);
        bad.Error.ShouldContain("早于清单调整日期2024-04-08");
        var unknown = await CliProcess.Run(environment, "publish-check-items", "--change", "7", "--url", "https://www.qinghe.gov.cn/x", "--on", "2024-04-18");
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldContain("没有第7号抽查事项清单调整");
        CampaignStore.Open(database).CheckItemChangeRows().Single().PublishedOn.ShouldBeNull();

        var good = await CliProcess.Run(environment, "publish-check-items", "--change", "1", "--url", "https://www.qinghe.gov.cn/ssjygk/items", "--on", "2024-04-18");
        good.ExitCode.ShouldBe(0, good.Error);
        good.Out.ShouldContain("已登记：第1号抽查事项清单调整");
        var again = await CliProcess.Run(environment, "publish-check-items", "--change", "1", "--url", "https://other.example/items", "--on", "2024-04-19");
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("https://www.qinghe.gov.cn/ssjygk/items");

        var store = CampaignStore.Open(database);
        store.Snapshot(plan).Facts.CheckItemChanges.ShouldNotBeNull().Single().Publication
            .ShouldBe(new Publication("https://www.qinghe.gov.cn/ssjygk/items", new DateOnly(2024, 4, 18)));
        store.AuditHead().ShouldNotBeNull().Action.ShouldBe("check-items-published");
    }
}
