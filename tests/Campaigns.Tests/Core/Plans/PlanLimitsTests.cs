using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Plans;

/// <summary>Numbers, lengths and characters a plan can give that used to pass and then break every tick or a path.</summary>
public class PlanLimitsTests
{
    private static string With(string line, string replacement)
    {
        PlanParserTests.Valid.ShouldContain(line);
        return PlanParserTests.Valid.Replace(line, replacement);
    }

    [Theory]
    // Each case: the line of the valid plan replaced, the line the problem must be reported at, and its message.
    // 2147483647 working days: every tick threw on date arithmetic, so no plan in the folder ticked.
    [InlineData("  result_entry_working_days: 20", "  result_entry_working_days: 2147483647", 10, "结果录入时限（工作日）应在 1 至 250 之间，实为 2147483647")]
    [InlineData("  result_entry_working_days: 20", "  publicity_working_days: 251", 10, "结果公示时限（工作日）应在 1 至 250 之间，实为 251")]
    [InlineData("  result_entry_working_days: 20", "  reminders: { draw: [1, 2147483647] }", 10, "提醒最多提前60个工作日，实为2147483647")]
    [InlineData("  result_entry_working_days: 20", "  reminders: { plan_publication: [91] }", 10, "提醒最多提前90个自然日，实为91")]
    [InlineData("  result_entry_working_days: 20", "  reminders: { draw: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }", 10, "提醒次数不能超过10次，实为11次")]
    [InlineData("    rules: { publicity_working_days: 10 }", "    rules: { min_inspectors_per_entity: 2147483647 }", 25, "每户最少检查人员数应在 1 至 20 之间")]
    [InlineData("    rules: { publicity_working_days: 10 }", "    rules: { max_joint_checks_per_entity_per_year: 13 }", 25, "同一对象每年最多联合抽查次数应在 1 至 12 之间")]
    // Times the number of departments, this one overflowed in the validator itself.
    [InlineData("    inspectors_per_department: 2", "    inspectors_per_department: 2147483647", 18, "每部门抽取检查人员数应在 1 至 50 之间，实为 2147483647")]
    [InlineData("    inspectors_per_department: 2", "    groups: 100000", 18, "检查组数应在 1 至 500 之间")]
    [InlineData("    sampling: { ratio: 0.30, minimum: 1 }", "    sampling: { ratio: 0.30, minimum: 2147483647 }", 17, "最少抽取户数应在 1 至 100000 之间")]
    // A 300-character id or an 86-character office name made a document's path too long for the file system.
    [InlineData("  - id: qh-2024-netcafe", "  - id: qh-2024-netcafe-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 12, "抽查任务代码不能超过64个字符")]
    [InlineData("  name: 清河县“双随机、一公开”工作领导小组办公室", "  name: 清河县“双随机、一公开”工作领导小组办公室清河县“双随机、一公开”工作领导小组办公室清河县“双随机、一公开”工作领导小组办公室", 3, "办公室名称不能超过60个字符")]
    // A tab in a department name crashed the summary chart.
    [InlineData("  - { id: market, name: 县市场监督管理局 }", "  - { id: market, name: \"县市场\\t监督管理局\" }", 8, "含有控制字符 U+0009")]
    [InlineData("    name: 网吧联合抽查", "    name: \"网吧\\u0000联合抽查\"", 13, "含有控制字符 U+0000")]
    // $ in the id pattern matched before a final newline.
    [InlineData("  - id: qh-2024-netcafe", "  - id: \"qh-2024-netcafe\\n\"", 12, "只能包含字母、数字")]
    // An office named .. wrote its documents a level up.
    [InlineData("  name: 清河县“双随机、一公开”工作领导小组办公室", "  name: ..", 3, "不能只由“.”组成")]
    // 0001-01-01 was the value of a date not given, so it passed every date check.
    [InlineData("    draw_on: 2024-04-09", "    draw_on: 0001-01-01", 22, "日期“0001-01-01”无效，应为 2000–2101 年间的 YYYY-MM-DD")]
    [InlineData("  name: 清河县“双随机、一公开”工作领导小组办公室", "  name: 清河县\n  publish_by: 9999-12-31", 4, "日期“9999-12-31”无效")]
    public void Parse_OutOfRange_RefusedAtItsLine(string line, string replacement, int expectedLine, string message)
    {
        var result = PlanParser.Parse(With(line, replacement), "plan.yaml");

        result.Plan.ShouldBeNull();
        result.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString())
            .ShouldContain(p => p.StartsWith($"plan.yaml:{expectedLine}:") && p.Contains(message));
    }

    [Fact]
    public void Parse_OfficeRuleOutOfRange_ReportedOnceNotPerCampaign()
    {
        var result = PlanParser.Parse(With("  result_entry_working_days: 20", "  result_entry_working_days: 300"), "plan.yaml");

        result.Problems.Count(p => p.Message.Contains("结果录入时限")).ShouldBe(1);
    }

    [Fact]
    public void Parse_AtEveryLimit_Accepted()
    {
        var yaml = With("  result_entry_working_days: 20", "  result_entry_working_days: 250\n  reminders: { draw: [60], plan_publication: [90] }")
            .Replace("    inspectors_per_department: 2", "    inspectors_per_department: 50\n    groups: 500");

        var result = PlanParser.Parse(yaml, "plan.yaml");

        result.Problems.Where(p => p.Severity == ProblemSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Schema_GivesTheSameBounds()
    {
        var schema = File.ReadAllText(Repository.Path("config", "plan.schema.json"));
        foreach (var bound in new[]
        {
            PlanLimits.MaxWorkingDays, PlanLimits.MaxReminderWorkingDays, PlanLimits.MaxReminderCalendarDays, PlanLimits.MaxRemindersPerMilestone,
            PlanLimits.MaxJointChecksPerEntityPerYear, PlanLimits.MaxInspectorsPerEntity, PlanLimits.MaxInspectorsPerDepartment, PlanLimits.MaxGroups,
            PlanLimits.MaxSamplingMinimum, PlanLimits.MaxIdLength, PlanLimits.MaxNameLength, PlanLimits.MaxTextLength,
        })
        {
            schema.ShouldMatch($@"""(maximum|maxLength|maxItems)"": {bound}\b");
        }
    }
}
