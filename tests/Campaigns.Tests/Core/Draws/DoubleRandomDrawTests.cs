using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class DoubleRandomDrawTests
{
    private static readonly DateOnly DrawDay = new(2024, 4, 9);

    private static DrawInput Input(IReadOnlyDictionary<string, int>? checks = null) =>
        new("fixed-seed", DrawDay, EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], checks ?? new Dictionary<string, int>());

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
        var campaign = TestPlans.NetCafe() with { InspectorsPerDepartment = 5 };
        var outcome = DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input());
        outcome.Draw.ShouldBeNull();
        outcome.Refusal.ShouldBe("县公安局执法检查人员不足：1个检查组各需5名，共5名持有效执法证的人员，名录库中仅有4名");
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

    /// <summary>
    /// 004 §14 asks each department's own directory for 4: a department with 3 qualified (one more expired) refuses the draw,
    /// naming the department and its count, though the departments together hold 11 and one inspector each would do.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Run_ADepartmentWithFewerThanFourQualified_RefusesNamingItAndItsCount(int police)
    {
        var campaign = TestPlans.NetCafe() with { InspectorsPerDepartment = 1 };
        var inspectors = TestPlans.Inspectors().Where(i => i.Unit != "police" || i.CertificateNumber == "police-9" || int.Parse(i.CertificateNumber[^1..]) <= police).ToList();
        var outcome = DoubleRandomDraw.Run(TestPlans.Plan(), campaign, Input() with { Inspectors = inspectors });
        outcome.Draw.ShouldBeNull();
        outcome.Refusal.ShouldBe($"县公安局（police）执法检查人员名录库不足：持有效执法证的人员{police}名，少于每部门至少4名（004 §14）");
    }

    [Fact]
    public void Run_EveryDepartmentWithFour_Draws_AndRecordsTheMinimum()
    {
        var draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe() with { InspectorsPerDepartment = 1 }, Input()).Draw.ShouldNotBeNull();
        draw.InspectorRule.MinimumPerDepartment.ShouldBe(4);
    }
}
