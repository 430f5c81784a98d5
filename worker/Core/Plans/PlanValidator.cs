using Campaigns.Core.Draws;
using System.Text.RegularExpressions;

namespace Campaigns.Core.Plans;

/// <summary>
/// The checks that need the whole plan: references between departments and campaigns, date order, numbers
/// in range, and the seeds' rules an admin can get wrong. Each problem points at the field it is about.
/// </summary>
internal static partial class PlanValidator
{
    // Ids name files and folders of documents, so they stay to letters, digits, '-', '_' and '.'.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();

    public static void Validate(AnnualPlan plan, PlanReadContext context)
    {
        ValidateOffice(plan, context);
        ValidateRules(plan.Rules, "rules", context);
        var departmentIds = ValidateDepartments(plan, context);
        var campaignIds = new HashSet<string>();
        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            var campaign = plan.Campaigns[i];
            var at = $"campaigns[{i}]";
            if (campaign.Id.Length > 0 && !campaignIds.Add(campaign.Id))
            {
                context.Error($"{at}.id", $"抽查任务代码“{campaign.Id}”重复");
            }
            else if (campaign.Id.Length > 0 && !IdPattern().IsMatch(campaign.Id))
            {
                context.Error($"{at}.id", $"抽查任务代码“{campaign.Id}”只能包含字母、数字、“-”“_”“.”");
            }
            ValidateCampaign(plan, campaign, at, departmentIds, context);
        }

        var taking = plan.Campaigns.SelectMany(c => c.AllDepartments).ToHashSet();
        for (var i = 0; i < plan.Departments.Count; i++)
        {
            if (plan.Departments[i].Id.Length > 0 && !taking.Contains(plan.Departments[i].Id))
            {
                context.Warning($"departments[{i}].id",
                    $"部门“{plan.Departments[i].Name}”未发起也未参与任何部门联合抽查（003 §9：每个部门每年至少发起或参与一次）");
            }
        }
    }

    private static void ValidateOffice(AnnualPlan plan, PlanReadContext context)
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
        var ids = new HashSet<string>();
        for (var i = 0; i < plan.Departments.Count; i++)
        {
            var department = plan.Departments[i];
            if (department.Id.Length == 0)
            {
                continue;
            }
            if (!ids.Add(department.Id))
            {
                context.Error($"departments[{i}].id", $"部门代码“{department.Id}”重复");
            }
            else if (!IdPattern().IsMatch(department.Id))
            {
                context.Error($"departments[{i}].id", $"部门代码“{department.Id}”只能包含字母、数字、“-”“_”“.”");
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
        if (campaign.Groups < 1)
        {
            context.Error($"{at}.groups", "检查组数不能少于 1");
        }
        if (campaign.InspectorsPerDepartment < 1)
        {
            context.Error($"{at}.inspectors_per_department", "每部门抽取检查人员数不能少于 1");
        }
        else if (campaign.InspectorsPerDepartment * campaign.AllDepartments.Count < campaign.Rules.MinInspectorsPerEntity)
        {
            context.Error($"{at}.inspectors_per_department",
                $"检查人员不足：{campaign.AllDepartments.Count}个部门各抽{campaign.InspectorsPerDepartment}人，少于每户至少{campaign.Rules.MinInspectorsPerEntity}名检查人员的要求（001 (十)）");
        }
        ValidateRules(campaign.Rules, $"{at}.rules", context);
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

    private static void ValidateRules(PlanRules rules, string at, PlanReadContext context)
    {
        (int Value, string Key, string Label)[] numbers =
        [
            (rules.ResultEntryWorkingDays, "result_entry_working_days", "结果录入时限"),
            (rules.PublicityWorkingDays, "publicity_working_days", "结果公示时限"),
            (rules.MaxJointChecksPerEntityPerYear, "max_joint_checks_per_entity_per_year", "同一对象每年最多联合抽查次数"),
            (rules.MinInspectorsPerEntity, "min_inspectors_per_entity", "每户最少检查人员数"),
        ];
        foreach (var (value, key, label) in numbers.Where(n => n.Value < 1))
        {
            context.Error($"{at}.{key}", $"{label}必须至少为 1，实为 {value}");
        }
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
