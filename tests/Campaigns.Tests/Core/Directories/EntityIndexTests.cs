using Campaigns.Core.Directories;
using Campaigns.Tests.Core.Draws;

namespace Campaigns.Tests.Core.Directories;

public class EntityIndexTests
{
    [Fact]
    public void Eligible_InUsccOrder_ActiveInScopeNotExcluded()
    {
        var rows = EntitySelectionTests.Directory(6, "A", "B").Reverse()
            .Select((e, i) => i == 1 ? e with { Status = EntityStatus.Deregistered } : i == 2 ? e with { Region = "乡镇" } : e)
            .ToList();
        var index = EntityIndex.Build(rows);
        var excluded = new HashSet<int> { index.Find(rows[3].Uscc) };

        var eligible = index.Eligible("网吧", "城区", excluded).Select(index.UsccAt).ToList();

        eligible.ShouldBe(new[] { rows[0], rows[4], rows[5] }.Select(e => e.Uscc).Order(StringComparer.Ordinal));
        index.Eligible("餐饮服务", null, new HashSet<int>()).Count.ShouldBe(0);
        index.EntityAt(index.Find(rows[2].Uscc)).ShouldBeSameAs(rows[2]);
        index.Find("91130534MA0R99999X").ShouldBe(-1);
    }

    [Fact]
    public void Eligible_OneScopeAskedAgainAfterADrawShuffledTheFirstAnswer_SameAsAWholeScan()
    {
        var rows = EntitySelectionTests.Directory(40, "A", "B")
            .Select((e, i) => i % 7 == 0 ? e with { Status = EntityStatus.Deregistered } : i % 3 == 0 ? e with { Region = "乡镇" } : e)
            .ToList();
        var index = EntityIndex.Build(rows);
        var scanned = index.Eligible("网吧", null, new HashSet<int>()).Where(p => index.InScope(p, "网吧", "城区")).ToList();

        var first = index.Eligible("网吧", "城区", new HashSet<int>());
        first.AsSpan().Reverse();
        var second = index.Eligible("网吧", "城区", new HashSet<int>());
        var excluded = index.Eligible("网吧", "城区", new HashSet<int> { scanned[1] });

        scanned.Count.ShouldBeGreaterThan(5);
        second.ShouldBe(scanned);
        excluded.ShouldBe(scanned.Where(p => p != scanned[1]));
    }

    [Fact]
    public void Build_DuplicateUscc_Throws()
    {
        var rows = EntitySelectionTests.Directory(3);
        Should.Throw<ArgumentException>(() => EntityIndex.Build([.. rows, rows[1]])).Message.ShouldContain(rows[1].Uscc);
    }
}
