using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Plans;

public class PlanParserTests
{
    internal const string Valid = """
        year: 2024
        office:
          name: 清河县“双随机、一公开”工作领导小组办公室
          contacts: [{ name: 田婷婷, email: office@qinghe.example, phone: 0319-8180776 }]
        leaders: [{ name: 领导小组组长, email: leader@qinghe.example }]
        departments:
          - { id: police, name: 县公安局, contacts: [{ name: 张三, email: police@qinghe.example }] }
          - { id: market, name: 县市场监督管理局 }
        rules:
          result_entry_working_days: 20
        campaigns:
          - id: qh-2024-netcafe
            name: 网吧联合抽查
            lead: police
            participants: [market]
            scope: { industry: 互联网上网服务营业场所 }
            sampling: { ratio: 0.30, minimum: 1 }
            inspectors_per_department: 2
            items:
              police: [信息网络安全检查]
              market: [登记信息检查, 公示信息检查]
            draw_on: 2024-04-09
            window: { start: 2024-04-09, end: 2024-05-31 }
            summary_due: 2024-06-30
            rules: { publicity_working_days: 10 }
        """;

    private static PlanLoadResult Parse(string yaml) => PlanParser.Parse(yaml, "plan.yaml");

    /// <summary>The valid plan with one line replaced, so each case shows only its own problem.</summary>
    private static string With(string line, string replacement)
    {
        Valid.ShouldContain(line);
        return Valid.Replace(line, replacement);
    }

    private static IReadOnlyList<string> Problems(string yaml) => [.. Parse(yaml).Problems.Select(p => p.ToString())];

    [Fact]
    public void Parse_ValidPlan_MapsFieldsAndDefaults()
    {
        var result = Parse(Valid);
        result.Problems.ShouldBeEmpty();
        var plan = result.Plan.ShouldNotBeNull();
        plan.Year.ShouldBe(2024);
        plan.Office.TimeZone.ShouldBe("Asia/Shanghai");
        plan.Office.PublishBy.ShouldBe(new DateOnly(2024, 3, 31));
        plan.Office.PublishedOn.ShouldBeNull();
        plan.Departments.Select(d => d.Id).ShouldBe(["police", "market"]);
        var campaign = plan.Campaigns.Single();
        campaign.Participants.ShouldBe(["market"]);
        (campaign.Sampling.Ratio, campaign.Sampling.Minimum).ShouldBe((0.30m, 1));
        campaign.Sampling.ByRisk.ShouldBeEmpty();
        campaign.Items["market"].ShouldBe(["登记信息检查", "公示信息检查"]);
        campaign.Window.ShouldBe(new DateRange(new DateOnly(2024, 4, 9), new DateOnly(2024, 5, 31)));
        campaign.AnnounceToEntities.ShouldBeTrue();
        // Campaign rules override office rules field by field; unset fields keep the office's value.
        campaign.Rules.ShouldBe(new PlanRules(ResultEntryWorkingDays: 20, PublicityWorkingDays: 10));
    }

    [Fact]
    public void Parse_Defaults_PublicityIs20WorkingDays_NoBulletin()
    {
        // 002 五(三)7, 003 §20(四), 004 §23: results published within 20 working days; the bulletin is 001's own (十一).
        var rules = Parse(Valid).Plan!.Rules;
        (rules.PublicityWorkingDays, rules.BulletinWorkingDays).ShouldBe((20, (int?)null));
    }

    [Fact]
    public void Parse_BulletinWorkingDays_OfficeFollowing001_EveryCampaignHasIt()
    {
        // 001 (十一): 一抽查一通报 within 15 working days.
        var plan = Parse(With("  result_entry_working_days: 20", "  result_entry_working_days: 20\n  bulletin_working_days: 15")).Plan.ShouldNotBeNull();
        plan.Rules.BulletinWorkingDays.ShouldBe(15);
        plan.Campaigns[0].Rules.BulletinWorkingDays.ShouldBe(15);
        Problems(With("  result_entry_working_days: 20", "  bulletin_working_days: 0")).ShouldContain(p => p.Contains("抽查情况通报时限必须至少为 1"));
    }

    [Fact]
    public void Parse_YearBegunWithoutPublishedOn_WarnsNothingIsDrawnBeforePublication_001()
    {
        // 001 (八): the plan is published before anything is drawn; validate says so once the plan year has begun.
        PlanParser.Parse(Valid, "plan.yaml", new DateOnly(2023, 12, 31)).Problems.ShouldNotContain(p => p.Message.Contains("published_on"));
        var begun = PlanParser.Parse(Valid, "plan.yaml", new DateOnly(2024, 1, 2));
        begun.Plan.ShouldNotBeNull();
        var warning = begun.Problems.Single(p => p.Message.Contains("published_on"));
        (warning.Severity, warning.Message.Contains("001 (八)")).ShouldBe((ProblemSeverity.Warning, true));
        var published = With("  name: 清河县“双随机、一公开”工作领导小组办公室", "  name: 清河县“双随机、一公开”工作领导小组办公室\n  published_on: 2024-04-15");
        var late = PlanParser.Parse(published, "plan.yaml", new DateOnly(2024, 1, 2));
        late.Problems.ShouldNotContain(p => p.Message.Contains("published_on"));
        // Published after the draw day: the draw waits for it, and validate says so at draw_on.
        late.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Warning && p.Message.StartsWith("抽取日期早于计划实际公示日期 2024-04-15"));
    }

    [Fact]
    public void Parse_ShippedSample_NoProblemsAtAll()
    {
        var path = Repository.Path("config", "plans", "2026.yaml");
        var result = PlanParser.Parse(File.ReadAllText(path), path);
        result.Problems.ShouldBeEmpty();
        result.Plan.ShouldNotBeNull().Campaigns.Count.ShouldBe(4);
    }

    [Theory]
    // Each case: one line changed, and the problem it must cause at the line and column of the offending
    // key or value (lines count from "year:" as 1; campaign fields start at line 12).
    [InlineData("    lead: police", "    lead: tax", "plan.yaml:14:11: 牵头部门“tax”不在 departments 中")]
    [InlineData("    participants: [market]", "    participants: [market, tax]", "plan.yaml:15:28: 未知部门“tax”：departments 中没有此部门代码")]
    [InlineData("    window: { start: 2024-04-09, end: 2024-05-31 }", "    window: { start: 2024-04-09, end: 2024-04-01 }", "plan.yaml:23:39: 检查时间窗结束日期早于开始日期")]
    [InlineData("    draw_on: 2024-04-09", "    draw_on: 2024-04-10", "plan.yaml:22:14: 抽取日期晚于检查开始日期：应先抽取，后检查")]
    [InlineData("    summary_due: 2024-06-30", "    summary_due: 2025-06-30", "plan.yaml:24:18: 警告：工作总结报送日期不在计划年度 2024 内")]
    [InlineData("    sampling: { ratio: 0.30, minimum: 1 }", "    sampling: { ratio: 1.5, minimum: 1 }", "plan.yaml:17:24: 抽取比例必须大于 0 且不超过 1，实为 1.5")]
    [InlineData("    sampling: { ratio: 0.30, minimum: 1 }", "    sampling: { ratio: 0, minimum: 1 }", "plan.yaml:17:24: 抽取比例必须大于 0 且不超过 1，实为 0")]
    [InlineData("    inspectors_per_department: 2", "    inspectors_per_department: 0", "plan.yaml:18:32: 每部门抽取检查人员数不能少于 1")]
    [InlineData("  result_entry_working_days: 20", "  result_entry_working_days: 0", "plan.yaml:10:30: 结果录入时限（工作日）必须至少为 1，实为 0")]
    [InlineData("    draw_on: 2024-04-09", "    draw_on: 2024-02-30", "plan.yaml:22:14: 日期“2024-02-30”无效，应为 2000–2101 年间的 YYYY-MM-DD（draw_on：抽取日期）")]
    [InlineData("    inspectors_per_department: 2", "    inspector_per_department: 2", "plan.yaml:18:5: 未知字段“inspector_per_department”，是否应为“inspectors_per_department”？")]
    [InlineData("      market: [登记信息检查, 公示信息检查]", "      tax: [登记信息检查]", "plan.yaml:21:7: 未知部门“tax”：departments 中没有此部门代码")]
    public void Parse_OneProblem_ReportedAtItsPlace(string line, string replacement, string expected)
    {
        var problems = Problems(With(line, replacement));
        problems.ShouldContain(expected);
    }

    [Fact]
    public void Parse_DateOutsidePlanYear_IsAnError()
    {
        var result = Parse(With("    window: { start: 2024-04-09, end: 2024-05-31 }", "    window: { start: 2024-04-09, end: 2025-01-10 }"));
        result.Plan.ShouldBeNull();
        result.Problems.Select(p => p.ToString()).ShouldContain("plan.yaml:23:39: 检查结束日期 2025-01-10 不在计划年度 2024 内");
    }

    [Fact]
    public void Parse_FewerInspectorsThanMinimum_ErrorCitesRule()
    {
        var yaml = With("    participants: [market]", "    participants: []").Replace("      market: [登记信息检查, 公示信息检查]\n", "")
            .Replace("    inspectors_per_department: 2", "    inspectors_per_department: 1");
        Problems(yaml).ShouldContain(p => p.StartsWith("plan.yaml:18:32: 检查人员不足：1个部门各抽1人") && p.Contains("001 (十)"));
    }

    [Fact]
    public void Parse_DepartmentInNoCampaign_WarnsCiting003Section9_PlanStillLoads()
    {
        var yaml = Valid.Replace("  - { id: market, name: 县市场监督管理局 }", "  - { id: market, name: 县市场监督管理局 }\n  - { id: tax, name: 县税务局 }");
        var result = Parse(yaml);
        result.Plan.ShouldNotBeNull();
        result.Problems.Single().ToString().ShouldBe("plan.yaml:9:11: 警告：部门“县税务局”未发起也未参与任何部门联合抽查（003 §9：每个部门每年至少发起或参与一次）");
    }

    [Fact]
    public void Parse_DuplicateIds_ErrorAtTheSecond()
    {
        var campaign = Valid[Valid.IndexOf("  - id: qh-2024-netcafe", StringComparison.Ordinal)..];
        var yaml = Valid + "\n" + campaign + "\n";
        Problems(yaml).ShouldContain("plan.yaml:26:9: 抽查任务代码“qh-2024-netcafe”重复");
        Problems(Valid.Replace("id: market", "id: police")).ShouldContain(p => p.StartsWith("plan.yaml:8:11: 部门代码“police”重复"));
    }

    [Fact]
    public void Parse_ManyProblems_AllReportedInLineOrder()
    {
        var yaml = Valid.Replace("lead: police", "lead: tax").Replace("ratio: 0.30", "ratio: 2").Replace("end: 2024-05-31", "end: 2024-04-01");
        var result = Parse(yaml);
        result.Plan.ShouldBeNull();
        var errors = result.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        // The unknown lead also leaves police's items orphaned (line 20): a consequence, reported too.
        errors.Select(p => p.Location.Line).ShouldBe([14, 17, 20, 23]);
        result.Problems.Select(p => p.Location.Line).ShouldBeInOrder();
    }

    [Fact]
    public void Parse_MissingRequiredField_NamesItAtItsMapping()
    {
        Problems(Valid.Replace("    draw_on: 2024-04-09\n", "")).ShouldContain("plan.yaml:12:5: 缺少必填字段“draw_on”（抽取日期）");
    }

    [Fact]
    public void Parse_YamlSyntaxError_OneProblemAtItsLocation()
    {
        var result = Parse("year: 2024\noffice: { name: x\n");
        result.Plan.ShouldBeNull();
        var problem = result.Problems.Single();
        problem.Message.ShouldStartWith("YAML 语法错误");
        problem.Location.Line.ShouldBeGreaterThanOrEqualTo(2);
    }

    /// <summary>
    /// An unclosed flow mapping with more lines after it makes YamlDotNet 18.1's scanner throw InvalidOperationException
    /// with no position; it must still be a problem at the line, not a crash of the tick.
    /// </summary>
    [Fact]
    public void Parse_UnclosedFlowMappingMidFile_ProblemAtItsLineRatherThanAnException()
    {
        var result = Parse(With("window: { start: 2024-04-09, end: 2024-05-31 }", "window: { start: 2024-04-09, end: 2024-05-31"));
        result.Plan.ShouldBeNull();
        var problem = result.Problems.Single();
        problem.Message.ShouldStartWith("YAML 语法错误");
        problem.Location.Line.ShouldBe(23);
    }

    [Fact]
    public void Parse_NotAMapping_SaysWhatIsExpected() =>
        Parse("- just a list").Problems.Single().ToString().ShouldStartWith("plan.yaml:1:1: 计划文件应为 YAML 映射");

    [Fact]
    public void Parse_CancelledCampaign_KeepsReason() =>
        Parse(Valid.Replace("    summary_due: 2024-06-30", "    summary_due: 2024-06-30\n    cancelled: { reason: 上级部署调整 }"))
            .Plan.ShouldNotBeNull().Campaigns.Single().CancelledReason.ShouldBe("上级部署调整");

    [Fact]
    public void Parse_BadEmail_PointsAtIt() =>
        Problems(Valid.Replace("leader@qinghe.example", "leader-at-qinghe")).ShouldContain("plan.yaml:5:34: 邮箱“leader-at-qinghe”格式不正确");

    [Theory]
    // Mail would go to the stranger too (or only to them); the line break would add a header of the writer's choosing.
    [InlineData("leader@qinghe.example, evil@attacker.example", "邮箱“leader@qinghe.example, evil@attacker.example”填写了多个地址，每处只能填写一个邮箱")]
    [InlineData("leader@qinghe.example\\r\\nBcc: evil@attacker.example", "邮箱“leader@qinghe.example\\u000d\\u000aBcc: evil@attacker.example”含有换行或其他控制字符")]
    [InlineData("李四 <leader@qinghe.example>", "邮箱“李四 <leader@qinghe.example>”格式不正确")]
    public void Parse_EmailNotExactlyOneAddress_RefusedAtIt(string email, string message) =>
        Problems(Valid.Replace("leader@qinghe.example", $"\"{email}\"")).ShouldContain($"plan.yaml:5:34: {message}");

    [Fact]
    public void Parse_RatiosByRiskClass_ReadAndChecked()
    {
        var yaml = With("    sampling: { ratio: 0.30, minimum: 1 }", "    sampling: { ratio: 0.30, minimum: 1, by_risk: { A: 0.05, 高: 1.0 } }");
        Parse(yaml).Plan.ShouldNotBeNull().Campaigns[0].Sampling.ByRisk.ShouldBe(new Dictionary<string, decimal> { ["A"] = 0.05m, ["高"] = 1.0m });

        var bad = With("    sampling: { ratio: 0.30, minimum: 1 }", "    sampling: { ratio: 0.30, minimum: 1, by_risk: { A: 1.5 } }");
        Problems(bad).ShouldContain("plan.yaml:17:56: 信用风险分类“A”的抽取比例必须大于 0 且不超过 1，实为 1.5");
    }

    [Fact]
    public void Parse_SeedThatDoesNotMatchItsCommitment_ErrorAtSeed()
    {
        var commitment = Campaigns.Core.Draws.Seeds.Commit("3-6-2");
        var plan = With("    summary_due: 2024-06-30", $"    summary_due: 2024-06-30\n    seed_commitment: {commitment}\n    seed: 3-6-3");
        Problems(plan).ShouldBe(["plan.yaml:26:11: 抽取种子与事先公布的承诺值不符：SHA-256(seed) ≠ seed_commitment"]);
        Parse(plan.Replace("seed: 3-6-3", "seed: 3-6-2")).Problems.ShouldBeEmpty();
        Problems(With("    summary_due: 2024-06-30", "    summary_due: 2024-06-30\n    seed_commitment: abc"))
            .ShouldBe(["plan.yaml:25:22: 抽取种子承诺值应为64位十六进制 SHA-256 值"]);
    }

    [Fact]
    public void Parse_Reminders_CampaignOverridesOfficePerMilestone()
    {
        var yaml = With("  result_entry_working_days: 20", "  result_entry_working_days: 20\n  reminders: { result_entry_deadline: [3, 0], plan_publication: [7, 0] }")
            .Replace("    rules: { publicity_working_days: 10 }", "    rules: { publicity_working_days: 10, reminders: { draw: [2] } }");

        var plan = Parse(yaml).Plan.ShouldNotBeNull();

        plan.Rules.ReminderDays.Keys.ShouldBe(["result_entry_deadline", "plan_publication"], ignoreOrder: true);
        var campaign = plan.Campaigns[0].Rules.ReminderDays;
        campaign["result_entry_deadline"].ShouldBe([3, 0]);
        campaign["draw"].ShouldBe([2]);
        Campaigns.Core.Engine.ReminderPolicy.For(plan.Campaigns[0].Rules).WorkingDaysBefore[Campaigns.Core.Timeline.MilestoneKind.SummaryDue].ShouldBe([5, 1, 0]);
    }

    [Fact]
    public void Parse_BadReminderDaysAndBreachReports_EachAtItsPlace()
    {
        var yaml = With("  result_entry_working_days: 20", "  result_entry_working_days: 20\n  reminders: { draw: [1, -2], summary_du: [1] }")
            .Replace("leaders: [{ name: 领导小组组长, email: leader@qinghe.example }]",
                "leaders: [{ name: 领导小组组长, email: leader@qinghe.example }]\nbreach_reports: { every: monthly, escalate_after_working_days: 5 }");

        var problems = Problems(yaml);

        problems.ShouldContain(p => p.StartsWith("plan.yaml:12:26: ") && p.Contains("不小于0的整数"), string.Join("\n", problems));
        problems.ShouldContain(p => p.StartsWith("plan.yaml:12:31: ") && p.Contains("summary_due"));
        problems.ShouldContain(p => p.StartsWith("plan.yaml:6:26: ") && p.Contains("daily") && p.Contains("monthly"));
        problems.ShouldContain(p => p.StartsWith("plan.yaml:6:64: ") && p.Contains("escalate_to"));
    }

    [Fact]
    public void Parse_BreachReports_WeeklyWithEscalation()
    {
        var yaml = With("leaders: [{ name: 领导小组组长, email: leader@qinghe.example }]",
            "leaders: [{ name: 领导小组组长, email: leader@qinghe.example }]\nbreach_reports:\n  every: weekly\n  escalate_after_working_days: 10\n  escalate_to: [{ name: 分管副县长, email: deputy@qinghe.example }]");

        var breach = Parse(yaml).Plan.ShouldNotBeNull().Breach;

        breach.Weekly.ShouldBeTrue();
        breach.EscalateAfterWorkingDays.ShouldBe(10);
        breach.EscalateTo.Single().Email.ShouldBe("deputy@qinghe.example");
    }
}
