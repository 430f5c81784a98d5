using Campaigns.Core.Draws;
using System.Text.RegularExpressions;

namespace Campaigns.Core.Plans;

/// <summary>
/// The checks that need the whole plan: references between departments and campaigns, date order, numbers
/// in range, and the seeds' rules an admin can get wrong. Each problem points at the field it is about.
/// </summary>
internal static partial class PlanValidator
{
    // Ids name files and folders of documents, so they stay to letters, digits, '-', '_' and '.'. \z, not $: $ also
    // matches before a final newline, which `id: |` gives.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex IdPattern();

    public static void Validate(AnnualPlan plan, PlanReadContext context, DateOnly? today = null)
    {
        ValidateOffice(plan, context, today);
        ValidateTexts(plan, context);
        ValidateRules(plan.Rules, null, "rules", context);
        if (plan.Breach.EscalateAfterWorkingDays is > PlanLimits.MaxWorkingDays and var after)
        {
            AtMost(after, PlanLimits.MaxWorkingDays, "breach_reports.escalate_after_working_days", "超期多少个工作日后报上一级", context);
        }
        var departmentIds = ValidateDepartments(plan, context);
        // Ids name folders and files, and Windows shares (where offices copy them) do not tell case apart.
        var campaignIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            var campaign = plan.Campaigns[i];
            var at = $"campaigns[{i}]";
            if (campaign.Id.Length > 0 && !campaignIds.Add(campaign.Id))
            {
                context.Error($"{at}.id", $"抽查任务代码“{campaign.Id}”重复{CaseOnly(campaignIds, campaign.Id)}");
            }
            else if (campaign.Id.Length > 0 && !IdPattern().IsMatch(campaign.Id))
            {
                context.Error($"{at}.id", $"抽查任务代码“{Shown(campaign.Id)}”只能包含字母、数字、“-”“_”“.”");
            }
            else if (campaign.Id.Length > PlanLimits.MaxIdLength)
            {
                context.Error($"{at}.id", $"抽查任务代码不能超过{PlanLimits.MaxIdLength}个字符（用作文件夹名），实为{campaign.Id.Length}个");
            }
            ValidateCampaign(plan, campaign, at, departmentIds, context);
        }

        for (var i = 0; i < plan.Departments.Count; i++)
        {
            ValidateFrequency(plan, plan.Departments[i], $"departments[{i}]", context);
        }
    }

    /// <summary>
    /// Whether the planned campaigns can meet the department's frequency rule (003 §9 by default; 004 §9, 001 (九) as the plan
    /// sets them): how many it leads or joins, and the gaps between their draw days. Cancelled campaigns do not count.
    /// </summary>
    private static void ValidateFrequency(AnnualPlan plan, Department department, string at, PlanReadContext context)
    {
        var rule = department.Frequency;
        if (department.OwnFrequency is { } own)
        {
            var ok = Bounded(own.MinPerYear, PlanLimits.MaxCampaignsPerYear, $"{at}.frequency.min_per_year", "每年至少参加联合抽查次数", context);
            if (own.MaxPerYear is { } max)
            {
                ok &= Bounded(max, PlanLimits.MaxCampaignsPerYear, $"{at}.frequency.max_per_year", "每年至多参加联合抽查次数", context);
                if (max < own.MinPerYear)
                {
                    context.Error($"{at}.frequency.max_per_year", $"每年至多参加次数（{max}）少于至少参加次数（{own.MinPerYear}）");
                    ok = false;
                }
            }
            if (own.MaxGapMonths is { } gap)
            {
                ok &= Bounded(gap, PlanLimits.MaxGapMonths, $"{at}.frequency.max_gap_months", "两次抽查最长间隔（月）", context);
            }
            Text(own.Basis, $"{at}.frequency.basis", "频次依据", PlanLimits.MaxTextLength, context);
            if (!ok)
            {
                return;
            }
        }
        if (department.Id.Length == 0 || plan.Year is < 2000 or > 2100)
        {
            return;
        }
        var draws = plan.Campaigns.Where(c => c.CancelledReason is null && c.AllDepartments.Contains(department.Id) && c.DrawOn.Year == plan.Year)
            .Select(c => c.DrawOn).Order().ToList();
        if (draws.Count == 0 && department.OwnFrequency is null)
        {
            context.Warning($"{at}.id", $"部门“{department.Name}”未发起也未参与任何部门联合抽查（003 §9：每个部门每年至少发起或参与一次）");
            return;
        }
        if (draws.Count < rule.MinPerYear)
        {
            context.Warning($"{at}.frequency", $"部门“{department.Name}”本年度计划发起或参与{draws.Count}次部门联合抽查，不足{rule.Describe()}");
        }
        if (rule.MaxPerYear is { } most && draws.Count > most)
        {
            context.Warning($"{at}.frequency", $"部门“{department.Name}”本年度计划发起或参与{draws.Count}次部门联合抽查，超过{rule.Describe()}：防止过度检查（001 (八)）");
        }
        var gaps = new List<string>();
        DateOnly? last = null;
        foreach (var draw in draws)
        {
            if (rule.NextDrawBy(plan.Year, last) is { } by && draw > by)
            {
                gaps.Add($"{(last is { } l ? $"{l:yyyy-MM-dd}抽取后" : "年初起")}至{by:yyyy-MM-dd}没有抽取（下一次{draw:yyyy-MM-dd}）");
            }
            last = draw;
        }
        if (rule.NextDrawBy(plan.Year, last) is { } end)
        {
            gaps.Add($"{(last is { } l ? $"{l:yyyy-MM-dd}抽取后" : "全年")}至{end:yyyy-MM-dd}没有抽取（此后本年度再无计划）");
        }
        if (gaps.Count > 0)
        {
            context.Warning($"{at}.frequency", $"部门“{department.Name}”的抽查间隔不符合{rule.Describe()}：{string.Join("；", gaps)}");
        }
    }

    private static bool Bounded(int value, int max, string at, string label, PlanReadContext context)
    {
        if (value >= 1)
        {
            return AtMost(value, max, at, label, context);
        }
        context.Error(at, $"{label}必须至少为 1，实为 {value}");
        return false;
    }

    /// <summary>What to add when <paramref name="id"/> repeats another only in case: the two would share one folder on a Windows share.</summary>
    private static string CaseOnly(HashSet<string> seen, string id) =>
        seen.TryGetValue(id, out var other) && other != id ? $"（与“{other}”仅大小写不同：用作文件和文件夹名，Windows 共享文件夹不区分大小写）" : "";

    private static void ValidateOffice(AnnualPlan plan, PlanReadContext context, DateOnly? today)
    {
        if (plan.Year is < 2000 or > 2100)
        {
            context.Error("year", $"计划年度“{plan.Year}”无效");
            return;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(plan.Office.TimeZone, out _))
        {
            context.Error("office.timezone", $"时区“{plan.Office.TimeZone}”无效，应为 IANA 时区名，如 Asia/Shanghai");
        }
        InYear(plan, plan.Office.PublishBy, "office.publish_by", "计划公示截止日期", context);
        if (plan.Office.PublishBy > new DateOnly(plan.Year, 3, 31))
        {
            context.Warning("office.publish_by", "年度抽查计划应于3月底前公示（001 (八)）");
        }
        if (plan.Office.PublishedOn is { } published)
        {
            InYear(plan, published, "office.published_on", "计划实际公示日期", context);
        }
        else if (today is { } day && day >= new DateOnly(plan.Year, 1, 1))
        {
            // Nothing is drawn before the plan is published: say so while there is time, not on the draw day.
            context.Warning("office.published_on",
                $"计划年度已开始（今天{day:yyyy-MM-dd}），未填写计划实际公示日期（published_on）：计划公示前不进行双随机抽取（001 (八)）");
        }
        if (plan.Leaders.Count == 0 || plan.Leaders.All(l => l.Email is null))
        {
            context.Warning("leaders", "没有填写领导的邮箱，超期情况报告无人接收");
        }
        for (var i = 0; i < plan.Leaders.Count; i++)
        {
            CheckEmail(plan.Leaders[i], $"leaders[{i}]", context);
        }
        for (var i = 0; i < plan.Office.Contacts.Count; i++)
        {
            CheckEmail(plan.Office.Contacts[i], $"office.contacts[{i}]", context);
        }
    }

    private static HashSet<string> ValidateDepartments(AnnualPlan plan, PlanReadContext context)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plan.Departments.Count; i++)
        {
            var department = plan.Departments[i];
            if (department.Id.Length == 0)
            {
                continue;
            }
            if (!ids.Add(department.Id))
            {
                context.Error($"departments[{i}].id", $"部门代码“{department.Id}”重复{CaseOnly(ids, department.Id)}");
            }
            else if (!IdPattern().IsMatch(department.Id))
            {
                context.Error($"departments[{i}].id", $"部门代码“{Shown(department.Id)}”只能包含字母、数字、“-”“_”“.”");
            }
            else if (department.Id.Length > PlanLimits.MaxIdLength)
            {
                context.Error($"departments[{i}].id", $"部门代码不能超过{PlanLimits.MaxIdLength}个字符，实为{department.Id.Length}个");
            }
            for (var j = 0; j < department.Contacts.Count; j++)
            {
                CheckEmail(department.Contacts[j], $"departments[{i}].contacts[{j}]", context);
            }
        }
        return ids;
    }

    private static void ValidateCampaign(AnnualPlan plan, CampaignPlan campaign, string at, HashSet<string> departments, PlanReadContext context)
    {
        if (campaign.Lead.Length > 0 && !departments.Contains(campaign.Lead))
        {
            context.Error($"{at}.lead", $"牵头部门“{campaign.Lead}”不在 departments 中");
        }
        for (var i = 0; i < campaign.Participants.Count; i++)
        {
            var participant = campaign.Participants[i];
            if (!departments.Contains(participant))
            {
                context.Error($"{at}.participants[{i}]", $"未知部门“{participant}”：departments 中没有此部门代码");
            }
            else if (participant == campaign.Lead)
            {
                context.Warning($"{at}.participants[{i}]", $"牵头部门“{participant}”不必再列为参与部门");
            }
        }
        foreach (var (department, items) in campaign.Items)
        {
            if (!departments.Contains(department))
            {
                context.Error($"{at}.items.{department}{YamlFields.KeySuffix}", $"未知部门“{department}”：departments 中没有此部门代码");
            }
            else if (!campaign.AllDepartments.Contains(department))
            {
                context.Error($"{at}.items.{department}{YamlFields.KeySuffix}", $"部门“{department}”未参与本次抽查，不能列抽查事项");
            }
            else if (items.Count == 0)
            {
                context.Error($"{at}.items.{department}", $"部门“{department}”的抽查事项不能为空");
            }
        }
        foreach (var department in campaign.AllDepartments.Where(d => departments.Contains(d) && !campaign.Items.ContainsKey(d)))
        {
            context.Warning($"{at}.items", $"部门“{department}”参与本次抽查但没有列出抽查事项");
        }

        if (campaign.Sampling.Ratio is <= 0m or > 1m)
        {
            context.Error($"{at}.sampling.ratio", $"抽取比例必须大于 0 且不超过 1，实为 {campaign.Sampling.Ratio}");
        }
        foreach (var (riskClass, ratio) in campaign.Sampling.ByRisk.Where(r => r.Value is <= 0m or > 1m))
        {
            context.Error($"{at}.sampling.by_risk.{riskClass}", $"信用风险分类“{riskClass}”的抽取比例必须大于 0 且不超过 1，实为 {ratio}");
        }
        if (campaign.Sampling.Minimum < 1)
        {
            context.Error($"{at}.sampling.minimum", "最少抽取户数不能少于 1（004 §9）");
        }
        else
        {
            AtMost(campaign.Sampling.Minimum, PlanLimits.MaxSamplingMinimum, $"{at}.sampling.minimum", "最少抽取户数", context);
        }
        if (campaign.Groups < 1)
        {
            context.Error($"{at}.groups", "检查组数不能少于 1");
        }
        else
        {
            AtMost(campaign.Groups, PlanLimits.MaxGroups, $"{at}.groups", "检查组数", context);
        }
        if (campaign.InspectorsPerDepartment < 1)
        {
            context.Error($"{at}.inspectors_per_department", "每部门抽取检查人员数不能少于 1");
        }
        // In range before multiplying: 2147483647 inspectors times two departments overflows.
        else if (AtMost(campaign.InspectorsPerDepartment, PlanLimits.MaxInspectorsPerDepartment, $"{at}.inspectors_per_department", "每部门抽取检查人员数", context)
            && campaign.InspectorsPerDepartment * campaign.AllDepartments.Count < campaign.Rules.MinInspectorsPerEntity)
        {
            context.Error($"{at}.inspectors_per_department",
                $"检查人员不足：{campaign.AllDepartments.Count}个部门各抽{campaign.InspectorsPerDepartment}人，少于每户至少{campaign.Rules.MinInspectorsPerEntity}名检查人员的要求（001 (十)）");
        }
        ValidateRules(campaign.Rules, plan.Rules, $"{at}.rules", context);
        if (campaign.SeedCommitment is { } commitment)
        {
            if (!Seeds.IsCommitment(commitment))
            {
                context.Error($"{at}.seed_commitment", "抽取种子承诺值应为64位十六进制 SHA-256 值");
            }
            else if (campaign.Seed is { } seed && !Seeds.Reveals(seed, commitment))
            {
                context.Error($"{at}.seed", "抽取种子与事先公布的承诺值不符：SHA-256(seed) ≠ seed_commitment");
            }
        }

        if (campaign.DrawOn != default)
        {
            InYear(plan, campaign.DrawOn, $"{at}.draw_on", "抽取日期", context);
        }
        if (campaign.Window.Start != default)
        {
            InYear(plan, campaign.Window.Start, $"{at}.window.start", "检查开始日期", context);
            InYear(plan, campaign.Window.End, $"{at}.window.end", "检查结束日期", context);
            if (campaign.Window.End < campaign.Window.Start)
            {
                context.Error($"{at}.window.end", "检查时间窗结束日期早于开始日期");
            }
            if (campaign.DrawOn != default && campaign.DrawOn > campaign.Window.Start)
            {
                context.Error($"{at}.draw_on", "抽取日期晚于检查开始日期：应先抽取，后检查");
            }
            if (plan.Office.PublishedOn is { } published && campaign.DrawOn != default && published > campaign.DrawOn)
            {
                context.Warning($"{at}.draw_on", $"抽取日期早于计划实际公示日期 {published:yyyy-MM-dd}：计划公示后方可抽取（001 (八)），本任务要到那天才能抽取");
            }
        }
        if (campaign.SummaryDue is { } summary)
        {
            if (summary < campaign.Window.End)
            {
                context.Error($"{at}.summary_due", "工作总结报送日期早于检查结束日期");
            }
            else if (summary.Year != plan.Year)
            {
                context.Warning($"{at}.summary_due", $"工作总结报送日期不在计划年度 {plan.Year} 内");
            }
        }
    }

    /// <summary>
    /// The rules' numbers in range. A campaign's rules start as the office's (<paramref name="inherited"/>): a value it
    /// did not change was checked at the office's rules and is not reported again for each campaign.
    /// </summary>
    private static void ValidateRules(PlanRules rules, PlanRules? inherited, string at, PlanReadContext context)
    {
        (int Value, int? Inherited, string Key, string Label, int Max)[] numbers =
        [
            (rules.ResultEntryWorkingDays, inherited?.ResultEntryWorkingDays, "result_entry_working_days", "结果录入时限（工作日）", PlanLimits.MaxWorkingDays),
            (rules.PublicityWorkingDays, inherited?.PublicityWorkingDays, "publicity_working_days", "结果公示时限（工作日）", PlanLimits.MaxWorkingDays),
            (rules.CheckItemChangeWorkingDays, inherited?.CheckItemChangeWorkingDays, "check_item_change_working_days", "抽查事项清单调整公开时限（工作日）", PlanLimits.MaxWorkingDays),
            (rules.MaxJointChecksPerEntityPerYear, inherited?.MaxJointChecksPerEntityPerYear, "max_joint_checks_per_entity_per_year", "同一对象每年最多联合抽查次数",
                PlanLimits.MaxJointChecksPerEntityPerYear),
            (rules.MinInspectorsPerEntity, inherited?.MinInspectorsPerEntity, "min_inspectors_per_entity", "每户最少检查人员数", PlanLimits.MaxInspectorsPerEntity),
        ];
        foreach (var (value, _, key, label, max) in numbers.Where(n => n.Value != n.Inherited))
        {
            if (value < 1)
            {
                context.Error($"{at}.{key}", $"{label}必须至少为 1，实为 {value}");
            }
            else
            {
                AtMost(value, max, $"{at}.{key}", label, context);
            }
        }
        if (rules.BulletinWorkingDays is { } bulletin && bulletin != inherited?.BulletinWorkingDays)
        {
            if (bulletin < 1)
            {
                context.Error($"{at}.bulletin_working_days", $"抽查情况通报时限必须至少为 1，实为 {bulletin}");
            }
            else
            {
                AtMost(bulletin, PlanLimits.MaxWorkingDays, $"{at}.bulletin_working_days", "抽查情况通报时限（工作日）", context);
            }
        }
        if (rules.ListConfirmationWorkingDays is { } confirmation && confirmation != inherited?.ListConfirmationWorkingDays)
        {
            if (confirmation < 1)
            {
                context.Error($"{at}.list_confirmation_working_days", $"部门确认抽查名单时限必须至少为 1，实为 {confirmation}");
            }
            else
            {
                AtMost(confirmation, PlanLimits.MaxWorkingDays, $"{at}.list_confirmation_working_days", "部门确认抽查名单时限（工作日）", context);
            }
        }
        foreach (var (milestone, days) in rules.ReminderDays)
        {
            if (inherited is not null && inherited.ReminderDays.TryGetValue(milestone, out var same) && ReferenceEquals(same, days))
            {
                continue;
            }
            var where = $"{at}.reminders.{milestone}";
            if (days.Count > PlanLimits.MaxRemindersPerMilestone)
            {
                context.Error(where, $"提醒次数不能超过{PlanLimits.MaxRemindersPerMilestone}次，实为{days.Count}次");
            }
            var calendarDays = milestone == "plan_publication";
            var max = calendarDays ? PlanLimits.MaxReminderCalendarDays : PlanLimits.MaxReminderWorkingDays;
            for (var i = 0; i < days.Count; i++)
            {
                if (days[i] > max)
                {
                    context.Error($"{where}[{i}]", $"提醒最多提前{max}个{(calendarDays ? "自然日" : "工作日")}，实为{days[i]}");
                }
            }
        }
    }

    /// <summary>False (after saying so at <paramref name="at"/>) when <paramref name="value"/> is above <paramref name="max"/>.</summary>
    private static bool AtMost(int value, int max, string at, string label, PlanReadContext context)
    {
        if (value <= max)
        {
            return true;
        }
        context.Error(at, $"{label}应在 1 至 {max} 之间，实为 {value}");
        return false;
    }

    /// <summary>
    /// Names and texts: no control characters (a tab or NUL in a department name broke the summary chart, and none
    /// belongs in a name), within <see cref="PlanLimits"/>' lengths, and an office name that cannot name a folder above
    /// its own (“..”).
    /// </summary>
    private static void ValidateTexts(AnnualPlan plan, PlanReadContext context)
    {
        Text(plan.Office.Name, "office.name", "办公室名称", PlanLimits.MaxNameLength, context);
        if (plan.Office.Name.Length > 0 && plan.Office.Name.Trim().All(c => c == '.'))
        {
            context.Error("office.name", $"办公室名称“{plan.Office.Name}”无效：不能只由“.”组成（用作文件夹名）");
        }
        else if (plan.Office.Name.IndexOfAny(['/', '\\']) >= 0)
        {
            context.Error("office.name", $"办公室名称“{plan.Office.Name}”不能包含“/”或“\\”（用作文件夹名）");
        }
        Contacts(plan.Office.Contacts, "office.contacts", context);
        Contacts(plan.Leaders, "leaders", context);
        Contacts(plan.Breach.EscalateTo, "breach_reports.escalate_to", context);
        for (var i = 0; i < plan.Departments.Count; i++)
        {
            Text(plan.Departments[i].Name, $"departments[{i}].name", "部门名称", PlanLimits.MaxNameLength, context);
            Contacts(plan.Departments[i].Contacts, $"departments[{i}].contacts", context);
        }
        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            var campaign = plan.Campaigns[i];
            var at = $"campaigns[{i}]";
            Text(campaign.Name, $"{at}.name", "任务名称", PlanLimits.MaxTextLength, context);
            Text(campaign.Scope.Industry, $"{at}.scope.industry", "行业", PlanLimits.MaxTextLength, context);
            Text(campaign.Scope.Region, $"{at}.scope.region", "区域", PlanLimits.MaxTextLength, context);
            foreach (var (department, items) in campaign.Items)
            {
                for (var j = 0; j < items.Count; j++)
                {
                    Text(items[j], $"{at}.items.{department}[{j}]", "抽查事项", PlanLimits.MaxTextLength, context);
                }
            }
        }
    }

    private static void Contacts(IReadOnlyList<Contact> contacts, string at, PlanReadContext context)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            Text(contacts[i].Name, $"{at}[{i}].name", "姓名", PlanLimits.MaxNameLength, context);
            Text(contacts[i].Phone, $"{at}[{i}].phone", "电话", PlanLimits.MaxNameLength, context);
        }
    }

    private static void Text(string? value, string at, string label, int maxLength, PlanReadContext context)
    {
        if (value is null)
        {
            return;
        }
        if (value.Any(char.IsControl))
        {
            context.Error(at, $"{label}“{Shown(value)}”含有控制字符 U+{(int)value.First(char.IsControl):X4}（如制表符、换行），请删去");
        }
        else if (value.Length > maxLength)
        {
            context.Error(at, $"{label}不能超过{maxLength}个字符，实为{value.Length}个");
        }
    }

    /// <summary>A value as a message can show it: control characters as \uXXXX, long values cut.</summary>
    private static string Shown(string value)
    {
        var visible = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return visible.Length > 40 ? visible[..40] + "…" : visible;
    }

    private static void InYear(AnnualPlan plan, DateOnly date, string at, string label, PlanReadContext context)
    {
        if (date.Year != plan.Year)
        {
            context.Error(at, $"{label} {date:yyyy-MM-dd} 不在计划年度 {plan.Year} 内");
        }
    }

    private static void CheckEmail(Contact contact, string at, PlanReadContext context)
    {
        if (contact.Email is { } email && EmailAddress.Problem(email) is { } problem)
        {
            context.Error($"{at}.email", problem);
        }
    }
}
