using System.Globalization;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.OfficeActions;

/// <summary>
/// The office confirms where and when it published a campaign's results (公示), or with <c>bulletin</c> its own bulletin
/// (一抽查一通报, 001 (十一)), or with <c>departmentId</c> one department its own publicity (谁检查、谁录入、谁公示):
/// the checks and the record `publish` and the console's form share. The actor
/// is who did it, as the audit trail records it.
/// </summary>
public static class PublicationConfirmation
{
    public static ActionOutcome Confirm(
        CampaignStore store, AnnualPlan plan, string campaignId, string link, string onText, bool bulletin, string? departmentId, DateOnly today, DateTimeOffset now, string actor,
        string urlField = "--url", string dateField = "--on")
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"{urlField}：“{link}”不是 http(s) 网址");
        }
        if (!DateOnly.TryParseExact(onText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add($"{dateField}：日期“{onText}”无效，应为 YYYY-MM-DD");
        }
        else if (date > today)
        {
            problems.Add($"{dateField}：公示日期{onText}晚于今天（{today:yyyy-MM-dd}），请在公示后再登记");
        }
        var state = store.Campaigns().FirstOrDefault(c => c.Id == campaignId)?.State;
        if (bulletin)
        {
            return ConfirmBulletin(store, plan.Campaign(campaignId), state, link, date, problems, now, actor);
        }
        if (departmentId is not null)
        {
            return ConfirmDepartment(store, plan, plan.Campaign(campaignId), departmentId, state, link, date, problems, now, actor);
        }
        if (state != nameof(CampaignState.AwaitingPublication) && store.PublicationOf(campaignId) is null)
        {
            problems.Add($"抽查任务“{campaignId}”当前状态为{state ?? "未开始"}：检查结果全部录入、公示表生成后才能登记公示");
        }
        if (problems.Count > 0)
        {
            return ActionOutcome.Refused(problems);
        }
        if (!store.ConfirmPublication(campaignId, new Publication(link, date), now, actor))
        {
            var earlier = store.PublicationOf(campaignId)!;
            return ActionOutcome.Refused($"抽查任务“{campaignId}”已于{earlier.On:yyyy-MM-dd}登记公示（{earlier.Url}），未作更改");
        }
        return ActionOutcome.Success($"已登记：{campaignId}于{date:yyyy-MM-dd}公示，网址 {link}；worker 下次运行时生成统计表和工作总结");
    }

    /// <summary>A department's own publicity: the campaign's results must be ready (the publicity table out), as for the office's.</summary>
    private static ActionOutcome ConfirmDepartment(
        CampaignStore store, AnnualPlan plan, CampaignPlan campaign, string departmentId, string? state, string link, DateOnly date, List<string> problems,
        DateTimeOffset now, string actor)
    {
        if (!campaign.Rules.PublicityByDepartment)
        {
            problems.Add($"抽查任务“{campaign.Id}”的计划未设置 publicity_by: department（各部门分别登记公示），请由办公室登记：去掉 --department");
        }
        if (!campaign.AllDepartments.Contains(departmentId))
        {
            problems.Add($"--department：部门“{departmentId}”不参加抽查任务“{campaign.Id}”");
        }
        var own = store.DepartmentPublicationsOf(campaign.Id);
        if (state != nameof(CampaignState.AwaitingPublication) && !own.ContainsKey(departmentId) && store.PublicationOf(campaign.Id) is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”当前状态为{state ?? "未开始"}：检查结果全部录入、公示表生成后才能登记公示");
        }
        if (problems.Count > 0)
        {
            return ActionOutcome.Refused(problems);
        }
        if (!store.ConfirmDepartmentPublication(campaign.Id, departmentId, new Publication(link, date), now, actor))
        {
            var earlier = store.DepartmentPublicationsOf(campaign.Id)[departmentId];
            return ActionOutcome.Refused($"{plan.Department(departmentId).Name}已于{earlier.On:yyyy-MM-dd}登记{campaign.Id}的公示（{earlier.Url}），未作更改");
        }
        var waiting = campaign.AllDepartments.Where(d => d != departmentId && !own.ContainsKey(d)).Select(d => plan.Department(d).Name).ToList();
        return ActionOutcome.Success($"已登记：{plan.Department(departmentId).Name}于{date:yyyy-MM-dd}公示{campaign.Id}的抽查结果，网址 {link}；" +
            (waiting.Count == 0 ? "各部门均已公示，worker 下次运行时生成统计表和工作总结" : $"尚待公示：{string.Join("、", waiting)}"));
    }

    /// <summary>The bulletin follows the inspection (检查工作结束后), so it needs a campaign whose window has ended.</summary>
    private static ActionOutcome ConfirmBulletin(
        CampaignStore store, CampaignPlan campaign, string? state, string link, DateOnly date, List<string> problems, DateTimeOffset now, string actor)
    {
        if (campaign.Rules.BulletinWorkingDays is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”的计划未设置 bulletin_working_days（一抽查一通报，001 (十一)），无需登记通报");
        }
        var after = state is not null && Enum.TryParse<CampaignState>(state, out var s) && s != CampaignState.Cancelled && !Reconciler.IsBefore(s, CampaignState.ResultEntry);
        if (!after && store.BulletinOf(campaign.Id) is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”当前状态为{state ?? "未开始"}：检查结束后才能登记通报");
        }
        if (problems.Count > 0)
        {
            return ActionOutcome.Refused(problems);
        }
        if (!store.ConfirmBulletin(campaign.Id, new Publication(link, date), now, actor))
        {
            var earlier = store.BulletinOf(campaign.Id)!;
            return ActionOutcome.Refused($"抽查任务“{campaign.Id}”已于{earlier.On:yyyy-MM-dd}登记通报（{earlier.Url}），未作更改");
        }
        return ActionOutcome.Success($"已登记：{campaign.Id}于{date:yyyy-MM-dd}在政府门户网站通报抽查情况（一抽查一通报），网址 {link}");
    }
}
