using Campaigns.Core.Plans;

namespace Campaigns.Tests.Core.Plans;

/// <summary>Issue 15 item 4: a department's frequency rule (003 §9, 004 §9, 001 (九)) in the plan, and `validate`'s warnings.</summary>
public class FrequencyRuleTests
{
    private const string PoliceLine = "  - { id: police, name: 县公安局, contacts: [{ name: 张三, email: police@qinghe.example }] }";

    private static PlanLoadResult Parse(string policeFrequency) =>
        PlanParser.Parse(PlanParserTests.Valid.Replace(PoliceLine,
            $"  - {{ id: police, name: 县公安局, contacts: [{{ name: 张三, email: police@qinghe.example }}], frequency: {policeFrequency} }}"), "plan.yaml");

    [Fact]
    public void Parse_NoFrequency_GeneralRuleOf003Article9()
    {
        var plan = PlanParser.Parse(PlanParserTests.Valid, "plan.yaml").Plan.ShouldNotBeNull();

        plan.Department("police").Frequency.ShouldBe(new Frequency(1, null, null, "003 §9"));
        plan.Department("police").Frequency.Describe().ShouldBe("每年至少1次（003 §9）");
    }

    /// <summary>004 §9: a network-security team checks at least 6 times a year, every two months; the plan has one draw (9 April).</summary>
    [Fact]
    public void Validate_004Article9SixTimesEveryTwoMonths_OneCampaign_WarnsCountAndGapsWithTheArticle()
    {
        var result = Parse("{ min_per_year: 6, max_gap_months: 2, basis: 004 §9 }");

        var plan = result.Plan.ShouldNotBeNull();
        plan.Department("police").Frequency.ShouldBe(new Frequency(6, null, 2, "004 §9"));
        var warnings = result.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => p.ToString()).ToList();
        warnings.ShouldContain(w => w.StartsWith("plan.yaml:7:") && w.Contains("部门“县公安局”本年度计划发起或参与1次部门联合抽查，不足每年至少6次、每2个月至少1次（004 §9）"));
        warnings.ShouldContain(w => w.Contains("抽查间隔不符合每年至少6次、每2个月至少1次（004 §9）")
            && w.Contains("年初起至2024-03-01没有抽取（下一次2024-04-09）") && w.Contains("2024-04-09抽取后至2024-06-09没有抽取"));
    }

    /// <summary>001 (九): a culture bureau runs 2–3 campaigns a year.</summary>
    [Fact]
    public void Validate_001Item9TwoToThree_OneCampaign_WarnsTooFew()
    {
        var result = Parse("{ min_per_year: 2, max_per_year: 3, basis: 001 (九) }");

        result.Problems.Select(p => p.Message).ShouldContain("部门“县公安局”本年度计划发起或参与1次部门联合抽查，不足每年至少2次、至多3次（001 (九)）");
        result.Problems.ShouldNotContain(p => p.Message.Contains("间隔"));
    }

    [Fact]
    public void Validate_MaxBelowMin_ErrorAtTheField()
    {
        var result = Parse("{ min_per_year: 3, max_per_year: 2 }");

        result.Plan.ShouldBeNull();
        result.Problems.Select(p => p.ToString()).ShouldContain(p => p.Contains("每年至多参加次数（2）少于至少参加次数（3）"));
    }

    [Theory]
    [InlineData("{ max_gap_months: 13 }", "两次抽查最长间隔（月）应在 1 至 12 之间，实为 13")]
    [InlineData("{ min_per_year: 0 }", "每年至少参加联合抽查次数必须至少为 1，实为 0")]
    [InlineData("{ min_per_year: 53 }", "每年至少参加联合抽查次数应在 1 至 52 之间，实为 53")]
    [InlineData("{ every: 2 }", "every")]
    public void Validate_OutOfRangeOrUnknown_Error(string frequency, string message)
    {
        var result = Parse(frequency);

        result.Plan.ShouldBeNull();
        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Error && p.Message.Contains(message));
    }

    [Fact]
    public void Validate_CancelledCampaign_DoesNotCount()
    {
        var yaml = PlanParserTests.Valid.Replace("    rules: { publicity_working_days: 10 }", "    rules: { publicity_working_days: 10 }\n    cancelled: { reason: 上级通知暂停 }");

        PlanParser.Parse(yaml, "plan.yaml").Problems.Select(p => p.Message).ShouldContain("部门“县公安局”未发起也未参与任何部门联合抽查（003 §9：每个部门每年至少发起或参与一次）");
    }
}
