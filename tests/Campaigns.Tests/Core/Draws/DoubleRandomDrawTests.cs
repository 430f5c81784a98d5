using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class DoubleRandomDrawTests
{
    private static readonly DateOnly DrawDay = new(2024, 4, 9);

    private static DrawInput Input(IReadOnlyDictionary<string, int>? checks = null) =>
        new("fixed-seed", DrawDay, TestPlans.Entities(), TestPlans.Inspectors(), "hash", checks ?? new Dictionary<string, int>());

    [Fact]
    public void Run_DrawsOnlyActiveEntitiesInScope()
    {
        var outcome = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input());
        var draw = outcome.Draw.ShouldNotBeNull();
        draw.EligibleCount.ShouldBe(9);
        draw.Entities.Count.ShouldBe(3);
        draw.Entities.ShouldAllBe(e => e.Name.StartsWith("清河县网吧") && e.Name != "清河县网吧10");
    }

    [Fact]
    public void Run_SkipsEntitiesAtTheYearlyCap()
    {
        var capped = TestPlans.Entities().Take(8).ToDictionary(e => e.Uscc, _ => 2);
        var draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input(capped)).Draw.ShouldNotBeNull();
        draw.EligibleCount.ShouldBe(1);
        draw.Entities.Single().Name.ShouldBe("清河县网吧9");
    }

    [Fact]
    public void Run_InspectorsPerDepartment_QualifiedOnly_LeaderFromLead()
    {
        var draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw.ShouldNotBeNull();
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
        var first = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw!;
        var again = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw!;
        again.Entities.ShouldBe(first.Entities);
        again.Groups.Single().Members.ShouldBe(first.Groups.Single().Members);
    }

    [Fact]
    public void Run_TooFewInspectors_RefusesNamingDepartmentAndNumbers()
    {
        var campaign = TestPlans.NetCafe() with { InspectorsPerDepartment = 4 };
        var outcome = DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input());
        outcome.Draw.ShouldBeNull();
        outcome.Refusal.ShouldBe("县公安局执法检查人员不足：需要4名持有效执法证且无需回避的人员，名录库中仅有3名");
    }

    [Fact]
    public void Run_NothingInScope_Refuses()
    {
        var campaign = TestPlans.NetCafe() with { Scope = new CampaignScope("娱乐场所", null) };
        DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input()).Refusal.ShouldNotBeNull().ShouldContain("娱乐场所");
    }
}
