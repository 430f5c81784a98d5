using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class DoubleRandomDrawTests
{
    private static readonly DateOnly DrawDay = new(2024, 4, 9);

    private static DrawInput Input(IReadOnlyDictionary<string, int>? checks = null) =>
        new("fixed-seed", DrawDay, EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), "hash", checks ?? new Dictionary<string, int>());

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
        outcome.Refusal.ShouldBe("县公安局执法检查人员不足：1个检查组各需4名，共4名持有效执法证的人员，名录库中仅有3名");
    }

    [Fact]
    public void Run_NothingInScope_Refuses()
    {
        var campaign = TestPlans.NetCafe() with { Scope = new CampaignScope("娱乐场所", null) };
        DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input()).Refusal.ShouldNotBeNull().ShouldContain("娱乐场所");
    }

    [Fact]
    public void Run_TwoGroups_EntitiesSharedInspectorsDisjointLeaderFromLeadInEach()
    {
        var campaign = TestPlans.NetCafe() with { Groups = 2, InspectorsPerDepartment = 1, Sampling = new Sampling(1m, 1) };
        var draw = DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input()).Draw.ShouldNotBeNull();

        draw.Groups.Count.ShouldBe(2);
        draw.Groups.Select(g => g.EntityUsccs.Count).Order().ShouldBe([4, 5]);
        draw.Groups.SelectMany(g => g.EntityUsccs).Order().ShouldBe(draw.Entities.Select(e => e.Uscc).Order());
        var everyone = draw.Groups.SelectMany(g => g.Members).Select(m => m.CertificateNumber).ToList();
        everyone.Distinct().Count().ShouldBe(everyone.Count);
        foreach (var group in draw.Groups)
        {
            group.Members.GroupBy(m => m.DepartmentId).Select(d => d.Count()).ShouldBe([1, 1, 1]);
            group.Members.Single(m => m.CertificateNumber == group.LeaderCertificateNumber).DepartmentId.ShouldBe("police");
        }
    }

    [Fact]
    public void Run_InspectorWithConflictInTheirGroup_PassedOverAndRecorded()
    {
        var first = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input()).Draw!;
        // Give the first drawn market inspector a conflict with an entity of the (only) group, and draw again.
        var conflicted = first.Groups[0].Members.First(m => m.DepartmentId == "market").CertificateNumber;
        var entity = first.Entities[0].Uscc;
        var inspectors = TestPlans.Inspectors().Select(i => i.CertificateNumber == conflicted ? i with { Conflicts = [entity] } : i).ToList();
        var draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(), Input() with { Inspectors = inspectors }).Draw.ShouldNotBeNull();

        draw.Entities.ShouldBe(first.Entities);
        draw.Recusals.ShouldBe([new Recusal(1, conflicted, entity)]);
        draw.Groups[0].Members.Select(m => m.CertificateNumber).ShouldNotContain(conflicted);
        draw.Groups[0].Members.Count(m => m.DepartmentId == "market").ShouldBe(2);
    }

    [Fact]
    public void Run_FewerThanFourQualifiedInDirectory_RefusesCiting004Section14()
    {
        var plan = TestPlans.Plan();
        var campaign = TestPlans.NetCafe() with { Participants = [], InspectorsPerDepartment = 1, Items = new Dictionary<string, IReadOnlyList<string>> { ["police"] = ["检查"] } };
        var outcome = DoubleRandomDraw.Run(plan, campaign, Input());
        outcome.Refusal.ShouldBe("执法检查人员名录库不足：参与部门持有效执法证的人员共3名，少于4名（004 §14）");
    }
}
