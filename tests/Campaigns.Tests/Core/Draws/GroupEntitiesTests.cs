using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class GroupEntitiesTests
{
    private static readonly Draw OneGroup = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(),
        new DrawInput("fixed-seed", new DateOnly(2024, 4, 9), EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], new Dictionary<string, int>())).Draw!;

    // The test plan draws one group; split it in two, the second visiting the entities in reverse draw order.
    private static readonly Draw Drawn = OneGroup with
    {
        Groups =
        [
            OneGroup.Groups[0] with { EntityUsccs = [.. OneGroup.Entities.Take(1).Select(e => e.Uscc)] },
            OneGroup.Groups[0] with { Number = 2, EntityUsccs = [.. OneGroup.Entities.Skip(1).Reverse().Select(e => e.Uscc)] },
        ],
    };

    [Fact]
    public void Of_EachGroupsEntities_InTheGroupsOrder_AndGroupOf_TheGroupOfEachEntity()
    {
        Drawn.Groups[1].EntityUsccs.Count.ShouldBeGreaterThan(1);
        var visited = GroupEntities.Of(Drawn);
        var groupOf = GroupEntities.GroupOf(Drawn);

        foreach (var group in Drawn.Groups)
        {
            visited[group.Number].Select(e => e.Uscc).ShouldBe(group.EntityUsccs);
            group.EntityUsccs.ShouldAllBe(u => groupOf[u].Number == group.Number);
        }
        groupOf.Keys.ShouldBe(Drawn.Entities.Select(e => e.Uscc), ignoreOrder: true);
    }
}
