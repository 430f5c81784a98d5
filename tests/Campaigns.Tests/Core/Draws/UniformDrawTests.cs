using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class UniformDrawTests
{
    private static readonly DateOnly DrawDay = new(2024, 4, 9);

    private static DrawInput Input(IReadOnlyDictionary<string, int>? checks = null) =>
        new("fixed-seed", DrawDay, TestPlans.Entities(), TestPlans.Inspectors(), "hash", checks ?? new Dictionary<string, int>());

    [Theory]
    [InlineData(0.30, 1, 9, 3)]   // ceil(2.7) = 3: rounding up, so the ratio is a floor, never undershot
    [InlineData(0.05, 1, 9, 1)]   // 0.45 rounds up to 1, and at least 1 (004 §9)
    [InlineData(0.05, 4, 9, 4)]   // the plan's minimum wins over the ratio
    [InlineData(1.00, 1, 9, 9)]   // everyone
    [InlineData(0.50, 20, 9, 9)]  // a minimum above the eligible count draws everyone, not more
    public void EntityCount_RoundsUpWithinMinimumAndEligible(double ratio, int minimum, int eligible, int expected) =>
        UniformDraw.EntityCount(new Sampling((decimal)ratio, minimum), eligible).ShouldBe(expected);

    [Fact]
    public void Run_DrawsOnlyActiveEntitiesInScope()
    {
        var outcome = UniformDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input());
        var draw = outcome.Draw.ShouldNotBeNull();
        draw.EligibleCount.ShouldBe(9);
        draw.Entities.Count.ShouldBe(3);
        draw.Entities.ShouldAllBe(e => e.Name.StartsWith("清河县网吧") && e.Name != "清河县网吧10");
    }

    [Fact]
    public void Run_SkipsEntitiesAtTheYearlyCap()
    {
        var capped = TestPlans.Entities().Take(8).ToDictionary(e => e.Uscc, _ => 2);
        var draw = UniformDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input(capped)).Draw.ShouldNotBeNull();
        draw.EligibleCount.ShouldBe(1);
        draw.Entities.Single().Name.ShouldBe("清河县网吧9");
    }

    [Fact]
    public void Run_InspectorsPerDepartment_QualifiedOnly_LeaderFromLead()
    {
        var draw = UniformDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw.ShouldNotBeNull();
        var group = draw.Groups.Single();
        group.Members.Count.ShouldBe(6);
        group.Members.GroupBy(m => m.DepartmentId).ShouldAllBe(g => g.Count() == 2);
        group.Members.ShouldNotContain(m => m.CertificateNumber == "police-9");
        group.Members.Single(m => m.CertificateNumber == group.LeaderCertificateNumber).DepartmentId.ShouldBe("police");
        group.EntityUsccs.ShouldBe(draw.Entities.Select(e => e.Uscc));
    }

    [Fact]
    public void Run_SameInputs_SameDraw()
    {
        var first = UniformDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw!;
        var again = UniformDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw!;
        again.Entities.ShouldBe(first.Entities);
        again.Groups.Single().Members.ShouldBe(first.Groups.Single().Members);
    }

    [Fact]
    public void Run_TooFewInspectors_RefusesNamingDepartmentAndNumbers()
    {
        var campaign = TestPlans.NetCafe() with { InspectorsPerDepartment = 4 };
        var outcome = UniformDraw.Run(TestPlans.Plan(), campaign, Input());
        outcome.Draw.ShouldBeNull();
        outcome.Refusal.ShouldBe("县公安局执法检查人员不足：需要4名持有效执法证且无需回避的人员，名录库中仅有3名");
    }

    [Fact]
    public void Run_NothingInScope_Refuses()
    {
        var campaign = TestPlans.NetCafe() with { Scope = new CampaignScope("娱乐场所", null) };
        UniformDraw.Run(TestPlans.Plan(), campaign, Input()).Refusal.ShouldNotBeNull().ShouldContain("娱乐场所");
    }
}
