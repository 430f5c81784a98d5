using Campaigns.Core.Calendar;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Storage;

namespace Campaigns.OfficeActions;

/// <summary>How a follow-up (后续处理) was closed: the checks and the record `followup close` and the console's form share.</summary>
public static class FollowUpClosing
{
    public static IReadOnlyList<FollowUp> Of(CampaignStore store, string campaignId, WorkingCalendar calendar) =>
        FollowUps.Of(store.Results(campaignId), store.FollowUpClosures(campaignId), calendar);

    public static ActionOutcome Close(
        CampaignStore store, AnnualPlan? plan, WorkingCalendar calendar, string campaignId, string uscc, string departmentText, FollowUpAction action, string note,
        DateOnly today, string actor)
    {
        var departmentId = plan?.Departments.FirstOrDefault(d => d.Id == departmentText || d.Name == departmentText)?.Id ?? departmentText;
        var followUp = Of(store, campaignId, calendar).FirstOrDefault(f => f.Result.Uscc == uscc && f.Result.DepartmentId == departmentId);
        if (followUp is null || plan is null)
        {
            return ActionOutcome.Refused($"抽查任务“{campaignId}”中没有{departmentText}对“{uscc}”需要后续处理的检查结果");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return ActionOutcome.Refused("--note 不能为空：写明处理情况（文书编号、移送单位等）");
        }
        store.CloseFollowUp(new FollowUpClosure(campaignId, uscc, departmentId, action, note, today), actor);
        return ActionOutcome.Success($"已登记后续处理：{uscc} {departmentText} {action.ChineseName()}（{note}）" +
            (today > followUp.Due ? $"；已超过期限{followUp.Due:yyyy-MM-dd}" : ""));
    }
}
