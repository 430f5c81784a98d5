using System.Globalization;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.OfficeActions;

/// <summary>
/// A department confirms it received its drawn entities and inspectors (002 五(三)2), for a plan that sets
/// `list_confirmation_working_days`: the checks and the record `confirm-list` and the console's button share.
/// </summary>
public static class ListConfirmation
{
    public static ActionOutcome Confirm(
        CampaignStore store, AnnualPlan plan, string campaignId, string departmentId, string? onText, string? by, DateOnly today, DateTimeOffset now, string actor)
    {
        var planned = plan.Campaign(campaignId);
        var problems = new List<string>();
        if (planned.Rules.ListConfirmationWorkingDays is null)
        {
            problems.Add($"抽查任务“{campaignId}”的计划未设置 list_confirmation_working_days（002 五(三)2），无需确认抽查名单");
        }
        if (!planned.AllDepartments.Contains(departmentId))
        {
            problems.Add($"--department：部门“{departmentId}”不参加抽查任务“{campaignId}”");
        }
        if (store.Draw(campaignId) is null)
        {
            problems.Add($"抽查任务“{campaignId}”尚未抽取，没有可确认的抽查名单");
        }
        var date = today;
        if (onText is not null && !DateOnly.TryParseExact(onText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problems.Add($"--on：日期“{onText}”无效，应为 YYYY-MM-DD");
        }
        else if (date > today)
        {
            problems.Add($"--on：确认日期{date:yyyy-MM-dd}晚于今天（{today:yyyy-MM-dd}）");
        }
        if (problems.Count > 0)
        {
            return ActionOutcome.Refused(problems);
        }
        var who = by ?? plan.Department(departmentId).Contacts.FirstOrDefault()?.Name ?? departmentId;
        if (!store.ConfirmList(campaignId, departmentId, date, who, now, actor))
        {
            var earlier = store.ListConfirmationsOf(campaignId).Single(c => c.DepartmentId == departmentId);
            return ActionOutcome.Refused($"部门“{departmentId}”已于{earlier.ConfirmedOn}确认抽查名单（{earlier.ConfirmedBy}），未作更改");
        }
        return ActionOutcome.Success($"已登记：{plan.Department(departmentId).Name}于{date:yyyy-MM-dd}确认收到{campaignId}的抽查名单（{who}）");
    }
}
