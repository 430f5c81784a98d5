using Campaigns.Core.Calendar;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;

namespace Campaigns.Core.Engine;

/// <summary>
/// Reminders before a campaign's milestones. A reminder is due from its day until the milestone, so a tick
/// missed on the day still sends it; when several offsets are due at once only the latest goes out, so a
/// worker back from an outage sends one reminder, not a burst. The key makes each one go out once.
/// </summary>
public static class Reminders
{
    public static IReadOnlyList<DeliveryOrder> For(
        TickContext context, CampaignPlan campaign, CampaignState state, Draw? draw,
        IReadOnlyList<ResultEntry> results, IReadOnlyDictionary<MilestoneKind, Milestone> milestones, Publication? bulletin = null,
        IReadOnlyList<string>? unpublishedDepartments = null)
    {
        if (state == CampaignState.Cancelled)
        {
            return [];
        }
        var plan = context.Plan;
        var orders = new List<DeliveryOrder>();
        foreach (var (kind, offsets) in ReminderPolicy.For(campaign.Rules).WorkingDaysBefore)
        {
            if (!milestones.TryGetValue(kind, out var milestone)
                || DueOffset(context.Calendar, context.Today, milestone.Date, offsets) is not { } offset)
            {
                continue;
            }
            foreach (var (recipient, openItems, attachments) in Recipients(plan, campaign, kind, state, draw, results, bulletin is { } b && b.On <= context.Today,
                unpublishedDepartments ?? campaign.AllDepartments))
            {
                if (recipient.Email is null)
                {
                    continue;
                }
                var left = context.Calendar.CountWorkingDays(context.Today, milestone.Date);
                orders.Add(new DeliveryOrder(
                    $"{campaign.Id}|reminder|{kind.WireName()}|{offset}|{recipient.Email}",
                    "reminder",
                    campaign.Id,
                    recipient,
                    "reminder",
                    DocumentModels.Reminder(plan, campaign.Name, recipient, kind, milestone.Date, left, openItems, milestone.Provisional),
                    attachments));
            }
        }
        return orders;
    }

    /// <summary>Working days before a follow-up's deadline when its department is reminded.</summary>
    public const int FollowUpReminderWorkingDays = 2;

    /// <summary>
    /// A reminder to the department that found a problem, from two working days before its follow-up deadline until the
    /// deadline, once per result; after it, the overdue notice takes over.
    /// </summary>
    public static IEnumerable<DeliveryOrder> ForFollowUps(
        TickContext context, CampaignPlan campaign, Draw? draw, IReadOnlyList<ResultEntry> results, IReadOnlyList<FollowUps.FollowUpClosure> closures)
    {
        if (draw is null)
        {
            yield break;
        }
        var due = FollowUps.FollowUps.Open(results, closures, context.Calendar)
            .Where(f => context.Today <= f.Due && WorkingDaysBefore(context.Calendar, f.Due, FollowUpReminderWorkingDays) <= context.Today)
            .ToList();
        Dictionary<string, string> names = due.Count == 0 ? [] : draw.Entities.ToDictionary(e => e.Uscc, e => e.Name);
        foreach (var followUp in due)
        {
            var result = followUp.Result;
            var item = $"对{names.GetValueOrDefault(result.Uscc, result.Uscc)}发现的问题（结果{(int)result.Code} {result.Code.ChineseName()}" +
                $"{(result.HandlingOpinion is null ? "" : $"，处理意见：{result.HandlingOpinion}")}）进行后续处理，并登记（campaigns followup close）";
            foreach (var contact in context.Plan.Department(result.DepartmentId).Contacts.Where(c => c.Email is not null))
            {
                yield return new DeliveryOrder(
                    $"{campaign.Id}|reminder|follow-up|{result.Uscc}|{result.DepartmentId}|{contact.Email}",
                    "reminder",
                    campaign.Id,
                    contact,
                    "reminder",
                    DocumentModels.Reminder(context.Plan, campaign.Name, contact, FollowUps.FollowUps.Deadline, followUp.Due,
                        context.Calendar.CountWorkingDays(context.Today, followUp.Due), [item], followUp.Provisional),
                    []);
            }
        }
    }

    /// <summary>The smallest offset whose reminder day has come, while the milestone has not passed.</summary>
    public static int? DueOffset(WorkingCalendar calendar, DateOnly today, DateOnly milestone, IReadOnlyList<int> offsets)
    {
        if (today > milestone)
        {
            return null;
        }
        int? due = null;
        foreach (var offset in offsets)
        {
            if (WorkingDaysBefore(calendar, milestone, offset) <= today && (due is null || offset < due))
            {
                due = offset;
            }
        }
        return due;
    }

    /// <summary>The working day <paramref name="count"/> working days before <paramref name="date"/> (0: the date itself).</summary>
    public static DateOnly WorkingDaysBefore(WorkingCalendar calendar, DateOnly date, int count)
    {
        var day = date;
        for (var i = 0; i < count; i++)
        {
            do
            {
                day = day.AddDays(-1);
            }
            while (!calendar.IsWorkingDay(day));
        }
        return day;
    }

    private static IEnumerable<(Contact Recipient, IReadOnlyList<string> OpenItems, IReadOnlyList<string> Attachments)> Recipients(
        AnnualPlan plan, CampaignPlan campaign, MilestoneKind kind, CampaignState state, Draw? draw, IReadOnlyList<ResultEntry> results, bool bulletinConfirmed,
        IReadOnlyList<string> unpublishedDepartments)
    {
        IEnumerable<Contact> DepartmentContacts(string id) => plan.Department(id).Contacts;
        switch (kind)
        {
            // Still in Draft the day before the draw: the plan is not published, and only the office can change that (001 (八)).
            case MilestoneKind.Draw when state == CampaignState.Draft:
                foreach (var c in plan.Office.Contacts)
                {
                    yield return (c, ["公示年度抽查计划，并在计划中填写实际公示日期（published_on）：计划公示后方可抽取（001 (八)）", "组织双随机抽取（检查对象和执法检查人员）"], []);
                }
                break;
            case MilestoneKind.Draw when Reconciler.IsBefore(state, CampaignState.Drawn):
                foreach (var c in plan.Office.Contacts.Concat(DepartmentContacts(campaign.Lead)))
                {
                    yield return (c, ["组织双随机抽取（检查对象和执法检查人员）"], []);
                }
                break;
            case MilestoneKind.WindowStart when draw is not null && Reconciler.IsBefore(state, CampaignState.Inspecting):
                // The assignment again, with the group's window as a calendar event.
                var visitedBy = GroupEntities.Of(draw);
                foreach (var group in draw.Groups)
                {
                    IReadOnlyList<string> visits = [.. visitedBy[group.Number].Select(e => $"第{group.Number}检查组实地检查{e.Name}（{e.Address}）")];
                    foreach (var m in group.Members)
                    {
                        yield return (new Contact(m.Name, m.Email, null), visits, [CampaignEffects.GroupCalendarPath(plan, campaign.Id, group.Number)]);
                    }
                }
                break;
            case MilestoneKind.ResultEntryDeadline when draw is not null:
                foreach (var (departmentId, entities) in MissingResults.Of(campaign, draw, results))
                {
                    IReadOnlyList<string> names = [.. entities.Select(e => $"录入对{e.Name}的检查结果")];
                    foreach (var c in DepartmentContacts(departmentId))
                    {
                        yield return (c, names, []);
                    }
                    // Each of the department's inspectors hears of the records still missing from their own group.
                    foreach (var group in draw.Groups)
                    {
                        IReadOnlyList<string> own = [.. entities.Where(e => group.EntityUsccs.Contains(e.Uscc)).Select(e => $"录入对{e.Name}的检查结果")];
                        foreach (var m in own.Count == 0 ? [] : group.Members.Where(m => m.DepartmentId == departmentId))
                        {
                            yield return (new Contact(m.Name, m.Email, null), own, []);
                        }
                    }
                }
                break;
            case MilestoneKind.PublicityDeadline when draw is not null && Reconciler.IsBefore(state, CampaignState.Publicized) && campaign.Rules.PublicityByDepartment:
                foreach (var departmentId in unpublishedDepartments)
                {
                    foreach (var c in DepartmentContacts(departmentId))
                    {
                        yield return (c, ["在信用信息公示系统公示本部门的抽查结果（谁检查、谁录入、谁公示，002 五(三)7、003 §20(四)、004 §23）",
                            $"公示后登记公示网址和日期（campaigns publish --campaign {campaign.Id} --department {departmentId}）"], []);
                    }
                }
                break;
            case MilestoneKind.PublicityDeadline when draw is not null && Reconciler.IsBefore(state, CampaignState.Publicized):
                foreach (var c in plan.Office.Contacts)
                {
                    yield return (c, ["在信用信息公示系统和政府网站公示抽查结果", $"公示后登记公示网址和日期（campaigns publish --campaign {campaign.Id}）"], []);
                }
                break;
            case MilestoneKind.BulletinDeadline when draw is not null && !bulletinConfirmed:
                foreach (var c in plan.Office.Contacts)
                {
                    yield return (c, ["在政府门户网站行政执法平台“双随机一公开”栏目通报本次抽查情况（一抽查一通报，001 (十一)）",
                        $"通报后登记网址和日期（campaigns publish --bulletin --campaign {campaign.Id}）"], []);
                }
                break;
            case MilestoneKind.SummaryDue when draw is not null && Reconciler.IsBefore(state, CampaignState.Reported):
                foreach (var c in plan.Office.Contacts)
                {
                    yield return (c, ["形成统计表和工作总结并报送"], []);
                }
                break;
            default:
                break;
        }
    }
}
