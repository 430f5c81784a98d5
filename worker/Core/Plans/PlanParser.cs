using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Campaigns.Core.Plans;

/// <summary>
/// Reads an annual plan from YAML text. Returns every problem at once, each at its line and column, in
/// Chinese; the plan only when there is no error (warnings allowed). Pure: the caller reads the file, and passes
/// <c>today</c> (the office's date) when warnings that depend on it are wanted (`validate`).
/// </summary>
public static class PlanParser
{
    public static PlanLoadResult Parse(string yamlText, string path, DateOnly? today = null)
    {
        var context = new PlanReadContext(path);
        var stream = new YamlStream();
        var parser = new PositionedParser(new Parser(new StringReader(yamlText)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            return new PlanLoadResult(null,
                [new PlanProblem(ProblemSeverity.Error, new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), $"YAML 语法错误：{message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gave up without a position (see PositionedParser): point past the last thing it read.
            return new PlanLoadResult(null,
                [new PlanProblem(ProblemSeverity.Error, new SourceLocation(path, (int)Math.Max(1, parser.LastEnd.Line), (int)Math.Max(1, parser.LastEnd.Column)),
                    "YAML 语法错误：此处之后的内容无法读取，请检查括号 { } [ ] 和引号是否成对")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new PlanLoadResult(null, [new PlanProblem(ProblemSeverity.Error, new SourceLocation(path, 1, 1), "计划文件应为 YAML 映射（year、office、departments、campaigns 等字段）")]);
        }

        if (stream.Documents.Count > 1)
        {
            // A second document is never read: campaigns pasted after a stray `---` would silently not run.
            var second = stream.Documents[1].RootNode.Start;
            context.Problems.Add(new PlanProblem(ProblemSeverity.Warning, new SourceLocation(path, (int)second.Line, (int)second.Column),
                "文件中有第二个 YAML 文档（“---”之后的内容）：计划只读取第一个文档，其后的内容全部被忽略"));
        }
        var plan = Read(new YamlFields(root, "", PlanKeys.Root, context), path);
        PlanValidator.Validate(plan, context, today);
        var problems = context.Problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column).ToList();
        return new PlanLoadResult(problems.Any(p => p.Severity == ProblemSeverity.Error) ? null : plan, problems);
    }

    private static AnnualPlan Read(YamlFields root, string path)
    {
        var year = root.Int("year", "计划年度", required: true) ?? 0;
        var office = root.Mapping("office", "办公室", PlanKeys.Office, required: true);
        var rules = ReadRules(root.Mapping("rules", "规则", PlanKeys.Rules), PlanRules.Default);
        var departments = root.Sequence("departments", "部门", required: true)
            .Select(d => root.Item(d.Node, d.Path, "部门", PlanKeys.Department))
            .OfType<YamlFields>()
            .Select(d => new Department(d.String("id", "部门代码") ?? "", d.String("name", "部门名称") ?? "", Contacts(d, "contacts", "联系人"),
                ReadFrequency(d.Mapping("frequency", "抽查频次", PlanKeys.Frequency))))
            .ToList();
        var campaigns = root.Sequence("campaigns", "抽查任务", required: true)
            .Select(c => root.Item(c.Node, c.Path, "抽查任务", PlanKeys.Campaign))
            .OfType<YamlFields>()
            .Select(c => ReadCampaign(c, rules))
            .ToList();
        return new AnnualPlan(
            year,
            new Office(
                office?.String("name", "办公室名称") ?? "",
                office?.String("timezone", "时区", required: false) ?? "Asia/Shanghai",
                office?.Date("publish_by", "计划公示截止日期") ?? new DateOnly(Math.Clamp(year, 1, 9999), 3, 31),
                office?.Date("published_on", "计划实际公示日期"),
                office is null ? [] : Contacts(office, "contacts", "办公室联系人")),
            Contacts(root, "leaders", "领导"),
            departments,
            rules,
            campaigns,
            path,
            ReadBreachReports(root.Mapping("breach_reports", "超期报告", PlanKeys.BreachReports)));
    }

    private static CampaignPlan ReadCampaign(YamlFields c, PlanRules officeRules)
    {
        var scope = c.Mapping("scope", "抽查范围", PlanKeys.Scope);
        var sampling = c.Mapping("sampling", "抽取比例", PlanKeys.Sampling, required: true);
        var window = c.Mapping("window", "检查时间", PlanKeys.Window, required: true);
        var cancelled = c.Mapping("cancelled", "取消", PlanKeys.Cancelled);
        var recommitment = c.Mapping("seed_recommitment", "重新承诺抽取种子", PlanKeys.SeedRecommitment);
        var items = new Dictionary<string, IReadOnlyList<string>>();
        if (c.Mapping("items", "抽查事项", knownKeys: null, required: true) is { } itemFields)
        {
            // Keys are department ids, checked against the plan's departments by the validator.
            foreach (var (key, _, _) in itemFields.Entries())
            {
                items[key] = itemFields.Strings(key, $"{key} 的抽查事项");
            }
        }
        var start = window?.Date("start", "检查开始日期", required: true);
        var end = window?.Date("end", "检查结束日期", required: true);
        return new CampaignPlan(
            c.String("id", "任务代码") ?? "",
            c.String("name", "任务名称") ?? "",
            c.String("lead", "牵头部门") ?? "",
            c.Strings("participants", "参与部门"),
            new CampaignScope(scope?.String("industry", "行业", required: false), scope?.String("region", "区域", required: false)),
            new Sampling(sampling?.Decimal("ratio", "抽取比例", required: true) ?? 1m, sampling?.Int("minimum", "最少抽取户数") ?? 1, ByRisk(sampling)),
            c.Int("inspectors_per_department", "每部门抽取检查人员数") ?? 1,
            items,
            c.Date("draw_on", "抽取日期", required: true) ?? default,
            new DateRange(start ?? default, end ?? start ?? default),
            c.Bool("announce_to_entities", "是否事先通知检查对象") ?? true,
            c.Date("summary_due", "工作总结报送日期"),
            ReadRules(c.Mapping("rules", "本任务规则", PlanKeys.Rules), officeRules),
            c.String("seed", "抽取种子", required: false),
            cancelled is null ? null : cancelled.String("reason", "取消原因") ?? "",
            c.String("seed_commitment", "抽取种子承诺值（SHA-256）", required: false),
            c.Int("groups", "检查组数") ?? 1,
            recommitment is null ? null : new SeedRecommitment(
                recommitment.String("replaces", "被替换的原承诺值") ?? "",
                recommitment.String("reason", "重新承诺理由") ?? "",
                recommitment.String("approved_by", "批准领导") ?? ""));
    }

    /// <summary>A department's own frequency rule; what it leaves out keeps the general rule's (003 §9: at least once a year).</summary>
    private static Frequency? ReadFrequency(YamlFields? frequency) => frequency is null ? null : new Frequency(
        frequency.Int("min_per_year", "每年至少参加联合抽查次数") ?? Frequency.Default.MinPerYear,
        frequency.Int("max_per_year", "每年至多参加联合抽查次数"),
        frequency.Int("max_gap_months", "两次抽查最长间隔（月）"),
        frequency.String("basis", "频次依据（文件条款）", required: false) ?? "本计划规定");

    private static Dictionary<string, decimal> ByRisk(YamlFields? sampling)
    {
        var ratios = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (sampling?.Mapping("by_risk", "按信用风险分类的抽取比例", knownKeys: null) is { } byRisk)
        {
            foreach (var (riskClass, _, _) in byRisk.Entries())
            {
                if (byRisk.Decimal(riskClass, $"信用风险分类“{riskClass}”的抽取比例", required: true) is { } ratio)
                {
                    ratios[riskClass] = ratio;
                }
            }
        }
        return ratios;
    }

    private static PlanRules ReadRules(YamlFields? rules, PlanRules defaults) => rules is null ? defaults : new PlanRules(
        rules.Int("result_entry_working_days", "结果录入时限（工作日）") ?? defaults.ResultEntryWorkingDays,
        rules.Int("publicity_working_days", "结果公示时限（工作日）") ?? defaults.PublicityWorkingDays,
        rules.Int("max_joint_checks_per_entity_per_year", "同一对象每年最多联合抽查次数") ?? defaults.MaxJointChecksPerEntityPerYear,
        rules.Int("min_inspectors_per_entity", "每户最少检查人员数") ?? defaults.MinInspectorsPerEntity,
        ReadReminders(rules.Mapping("reminders", "提醒时间", PlanKeys.Reminders), defaults.ReminderDays),
        rules.Int("bulletin_working_days", "抽查情况通报时限（工作日）") ?? defaults.BulletinWorkingDays,
        rules.Int("list_confirmation_working_days", "部门确认抽查名单时限（工作日）") ?? defaults.ListConfirmationWorkingDays,
        PublicityBy(rules) ?? defaults.PublicityByDepartment,
        rules.Int("check_item_change_working_days", "抽查事项清单调整公开时限（工作日）") ?? defaults.CheckItemChangeWorkingDays);

    /// <summary>`publicity_by: department` (each department confirms its own, 谁检查、谁录入、谁公示) or `office` (once for all).</summary>
    private static bool? PublicityBy(YamlFields rules)
    {
        var by = rules.String("publicity_by", "结果公示登记方式（office 或 department）", required: false);
        if (by is not (null or "office" or "department"))
        {
            rules.Fail("publicity_by", $"结果公示登记方式应为 office（办公室统一登记）或 department（各部门分别登记：谁检查、谁录入、谁公示），实为“{by}”");
        }
        return by is null ? null : by == "department";
    }

    /// <summary>Days before each milestone, merged over the office's (a campaign names only what it changes).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<int>>? ReadReminders(YamlFields? reminders, IReadOnlyDictionary<string, IReadOnlyList<int>> defaults)
    {
        if (reminders is null)
        {
            return defaults.Count == 0 ? null : defaults;
        }
        var merged = new Dictionary<string, IReadOnlyList<int>>(defaults);
        foreach (var key in PlanKeys.Reminders)
        {
            if (reminders.Days(key, key == "plan_publication" ? "提前的自然日" : "提前的工作日") is { } days)
            {
                merged[key] = days;
            }
        }
        return merged;
    }

    private static BreachReportPolicy ReadBreachReports(YamlFields? breach)
    {
        if (breach is null)
        {
            return BreachReportPolicy.Default;
        }
        var every = breach.String("every", "超期报告频次（daily 或 weekly）", required: false) ?? "daily";
        if (every is not ("daily" or "weekly"))
        {
            breach.Fail("every", $"超期报告频次应为 daily（每个工作日）或 weekly（每周第一个工作日），实为“{every}”");
        }
        var after = breach.Int("escalate_after_working_days", "超期多少个工作日后报上一级");
        var to = Contacts(breach, "escalate_to", "上一级领导");
        if (after is < 1)
        {
            breach.Fail("escalate_after_working_days", $"escalate_after_working_days 应为不小于1的整数，实为{after}");
        }
        if ((after is null) != (to.Count == 0))
        {
            breach.Fail(after is null ? "escalate_to" : "escalate_after_working_days",
                "escalate_after_working_days（超期多少个工作日后报上一级）和 escalate_to（上一级领导）应同时填写");
        }
        return new BreachReportPolicy(every == "weekly", after, to);
    }

    private static List<Contact> Contacts(YamlFields parent, string key, string label) =>
    [
        .. parent.Sequence(key, label)
            .Select(c => parent.Item(c.Node, c.Path, label, PlanKeys.Contact))
            .OfType<YamlFields>()
            .Select(c => new Contact(c.String("name", "姓名") ?? "", c.String("email", "邮箱", required: false), c.String("phone", "电话", required: false))),
    ];
}
