using Campaigns.Core.Directories;
using Campaigns.Core.Draws;

namespace Campaigns.Tests.Core.Draws;

public class EntitySelectionTests
{
    /// <summary>n active entities in one industry; class i of each entity is classes[i % classes.Length].</summary>
    internal static IReadOnlyList<MarketEntity> Directory(int n, params string[] classes) =>
    [
        .. Enumerable.Range(0, n).Select(i =>
        {
            var first17 = $"91130534MA{i:D7}";
            return new MarketEntity(first17 + Uscc.CheckCharacter(first17), $"对象{i}", "地址", "法人", "网吧", "城区",
                classes.Length == 0 ? "B" : classes[i % classes.Length], EntityStatus.Active);
        }),
    ];

    private static EntityRule Rule(decimal ratio, int minimum, Dictionary<string, decimal>? byRisk = null, string[]? excluded = null) =>
        new("网吧", null, ratio, minimum, byRisk ?? [], excluded ?? []);

    [Theory]
    [InlineData(0.30, 1, 9, 3, 3)]   // ceil(2.7) = 3: rounding up, so the ratio is a floor, never undershot
    [InlineData(0.30, 1, 10, 3, 3)]  // exact decimal: 0.30 × 10 is 3, not 3.0000000001 → 4
    [InlineData(0.05, 1, 9, 1, 1)]   // 0.45 rounds up to 1, and at least 1 (004 §9)
    [InlineData(0.05, 4, 9, 4, 1)]   // the plan's minimum wins over the ratio: 1 by ratio, 3 topped up
    [InlineData(1.00, 1, 9, 9, 9)]   // everyone
    [InlineData(0.50, 20, 9, 9, 5)]  // a minimum above the eligible count draws everyone, not more
    public void Select_Unstratified_CountsRoundUpWithinMinimumAndEligible(double ratio, int minimum, int eligible, int expected, int byRatio)
    {
        var result = EntitySelection.Select("c", "s", Rule((decimal)ratio, minimum), Directory(eligible));
        result.Selected.Count.ShouldBe(expected);
        result.Strata.ShouldBe([new Stratum("*", (decimal)ratio, eligible, byRatio, expected - byRatio, expected)]);
    }

    [Fact]
    public void Select_ByRisk_EachClassItsOwnRatio_UnlistedClassesUseCampaignRatio()
    {
        // 40 entities: 10 each of A, B, C, D. A 10% → 1, B unlisted → campaign 20% → 2, C 50% → 5, D 100% → 10.
        var rule = Rule(0.20m, 1, new Dictionary<string, decimal> { ["A"] = 0.10m, ["C"] = 0.50m, ["D"] = 1m });
        var result = EntitySelection.Select("c", "s", rule, Directory(40, "A", "B", "C", "D"));
        result.Strata.ShouldBe([Stratum.Of("A", 0.10m, 10, 1, 0), Stratum.Of("B", 0.20m, 10, 2, 0), Stratum.Of("C", 0.50m, 10, 5, 0), Stratum.Of("D", 1m, 10, 10, 0)]);
        // The order is the strata in order: A's, then B's, then C's, then D's.
        result.Selected.Select(e => e.RiskClass).ShouldBe(["A", "B", "B", "C", "C", "C", "C", "C", "D", "D", "D", "D", "D", "D", "D", "D", "D", "D"]);
    }

    [Fact]
    public void Select_ByRisk_BelowMinimum_TopsUpFromTheRest()
    {
        var rule = Rule(0.01m, 5, new Dictionary<string, decimal> { ["A"] = 0.01m });
        var result = EntitySelection.Select("c", "s", rule, Directory(20, "A", "B"));
        result.Selected.Count.ShouldBe(5);
        result.Selected.Select(e => e.Uscc).Distinct().Count().ShouldBe(5);
        result.Strata.Sum(s => s.Drawn).ShouldBe(5);
        // ceil(0.01 × 10) = 1 per class by ratio; the other 3 are the top-up, shown apart so no class looks over its ratio.
        result.Strata.Select(s => s.ByRatio).ShouldBe([1, 1]);
        result.Strata.Sum(s => s.TopUp).ShouldBe(3);
    }

    [Fact]
    public void Select_ExcludedAndInactiveAndOutOfScope_NeverDrawn()
    {
        var directory = Directory(10).ToList();
        directory[0] = directory[0] with { Status = EntityStatus.Deregistered };
        directory[1] = directory[1] with { Industry = "餐饮服务" };
        var result = EntitySelection.Select("c", "s", Rule(1m, 1, excluded: [directory[2].Uscc]), directory);
        result.EligibleCount.ShouldBe(7);
        result.Selected.Select(e => e.Uscc).ShouldNotContain(directory[0].Uscc);
        result.Selected.Select(e => e.Uscc).ShouldNotContain(directory[1].Uscc);
        result.Selected.Select(e => e.Uscc).ShouldNotContain(directory[2].Uscc);
    }

    [Fact]
    public void Select_DirectoryOrderDoesNotMatter()
    {
        var directory = Directory(30, "A", "B");
        var forward = EntitySelection.Select("c", "s", Rule(0.3m, 1), directory);
        var backward = EntitySelection.Select("c", "s", Rule(0.3m, 1), directory.Reverse().ToList());
        backward.Selected.ShouldBe(forward.Selected);
    }
}
