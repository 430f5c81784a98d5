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
    public void Build_DuplicateUscc_Throws()
    {
        var rows = EntitySelectionTests.Directory(3);
        Should.Throw<ArgumentException>(() => EntityIndex.Build([.. rows, rows[1]])).Message.ShouldContain(rows[1].Uscc);
    }
}
