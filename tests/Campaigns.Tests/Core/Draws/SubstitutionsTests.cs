using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class SubstitutionsTests
{
    private static readonly DateOnly Today = new(2024, 4, 10);
    private static readonly Draw Drawn = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(),
        new DrawInput("fixed-seed", new DateOnly(2024, 4, 9), EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], new Dictionary<string, int>())).Draw!;

    private static string Member(string department) => Drawn.Groups[0].Members.First(m => m.DepartmentId == department).CertificateNumber;

    [Fact]
    public void Draw_ReplacementFromSameDepartment_NotAlreadyServing_Deterministic()
    {
        var (first, refusal) = Substitutions.Draw(Drawn, [], TestPlans.Inspectors(), Member("market"), "因病住院", "县市场监管局局长", Today);
        refusal.ShouldBeNull();
        var s = first.ShouldNotBeNull();
        s.Sequence.ShouldBe(1);
        s.Replacement.DepartmentId.ShouldBe("market");
        Drawn.Groups[0].Members.Select(m => m.CertificateNumber).ShouldNotContain(s.Replacement.CertificateNumber);
        Substitutions.Draw(Drawn, [], TestPlans.Inspectors(), Member("market"), "因病住院", "县市场监管局局长", Today).Substitution.ShouldBe(s);
    }

    [Fact]
    public void Draw_SecondSubstitution_NumberedTwo_AndNeverBringsBackTheReplaced()
    {
        var inspectors = TestPlans.Inspectors();
        var first = Substitutions.Draw(Drawn, [], inspectors, Member("police"), "出差", "县长", Today).Substitution!;
        var second = Substitutions.Draw(Drawn, [first], inspectors, first.Replacement.CertificateNumber, "借调", "县长", Today).Substitution.ShouldNotBeNull();
        second.Sequence.ShouldBe(2);
        second.Replacement.CertificateNumber.ShouldNotBe(Member("police"), "a replaced inspector cannot return");
        // Police has four qualified inspectors and the draw took two: two substitutions use up the rest.
        var third = Substitutions.Draw(Drawn, [first, second], inspectors, second.Replacement.CertificateNumber, "借调", "县长", Today);
        third.Substitution.ShouldBeNull();
        third.Refusal.ShouldNotBeNull().ShouldStartWith("没有可递补的人员");
    }

    [Fact]
    public void Apply_LeaderReplaced_LeadershipPassesToReplacement()
    {
        var leader = Drawn.Groups[0].LeaderCertificateNumber;
        var s = Substitutions.Draw(Drawn, [], TestPlans.Inspectors(), leader, "回避", "县长", Today).Substitution!;
        Substitutions.Apply(Drawn, [s]).Groups[0].LeaderCertificateNumber.ShouldBe(s.Replacement.CertificateNumber);
    }

    [Theory]
    [InlineData("", "县长")]
    [InlineData("出差", " ")]
    public void Draw_NoReasonOrApprover_Refused(string reason, string approver) =>
        Substitutions.Draw(Drawn, [], TestPlans.Inspectors(), Member("police"), reason, approver, Today).Refusal.ShouldNotBeNull().ShouldContain("004 §18");

    [Fact]
    public void Draw_FromTheDrawsSnapshot_NotTodaysDirectory_QualifiedOnTheDay()
    {
        var department = Member("market");
        Inspector Newcomer(DateOnly validUntil) => new("market-new", "新调入人员", "男", "market", "科员", validUntil, null, null, []);
        // Everyone else of market serves or is gone from the snapshot: only the newcomer could be chosen, and it is not in the snapshot.
        var snapshot = TestPlans.Inspectors().Where(i => i.Unit != "market" || Drawn.Groups[0].Members.Any(m => m.CertificateNumber == i.CertificateNumber)).ToList();
        Substitutions.Draw(Drawn, [], snapshot, department, "出差", "县长", Today).Refusal.ShouldNotBeNull().ShouldStartWith("没有可递补的人员");
        Substitutions.Draw(Drawn, [], [.. snapshot, Newcomer(Today.AddDays(-1))], department, "出差", "县长", Today).Refusal
            .ShouldNotBeNull("a certificate that expired before the substitution's day does not qualify");
        var s = Substitutions.Draw(Drawn, [], [.. snapshot, Newcomer(Today)], department, "出差", "县长", Today).Substitution.ShouldNotBeNull();
        s.Replacement.CertificateNumber.ShouldBe("market-new");
        (s.Label, s.PoolSize, s.PoolSha256).ShouldBe(("qh-2024-netcafe|substitution|1", 1, Seeds.Commit("market-new\n")));
        Substitutions.Verify(Drawn, [s], [.. snapshot, Newcomer(Today)]).ShouldBeEmpty();
        Substitutions.Verify(Drawn, [s], snapshot).ShouldHaveSingleItem().ShouldStartWith("substitution 1 replaced:");
    }

    [Fact]
    public void Draw_NotADrawnInspector_Refused() =>
        Substitutions.Draw(Drawn, [], TestPlans.Inspectors(), "nobody", "出差", "县长", Today).Refusal.ShouldBe("执法证号“nobody”不在本次抽查的检查组中");
}
