using Campaigns.Core.Calendar;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// Each department confirms receipt of its drawn entities and inspectors within the plan's working days of dispatch
/// (002 五(三)2), for a plan that sets `list_confirmation_working_days`. The department letters go out with the draw, so
/// the count starts on the draw's day: reminded on the last day, flagged and 催办 to the department after it.
/// </summary>
public static class ListConfirmations
{
    public const string Deadline = "抽查名单确认截止";

    public static WorkingDay? Due(CampaignPlan campaign, Draw? draw, WorkingCalendar calendar) =>
        draw is not null && campaign.Rules.ListConfirmationWorkingDays is { } days ? calendar.AddWorkingDays(draw.DrawnOn, days) : null;

    /// <summary>The campaign's departments that have not confirmed by <paramref name="today"/>.</summary>
    public static IEnumerable<string> Missing(CampaignPlan campaign, CampaignFacts facts, DateOnly today) =>
        campaign.AllDepartments.Where(d => !(facts.ListConfirmations is { } confirmed && confirmed.TryGetValue(d, out var on) && on <= today));

    public static IEnumerable<OverdueFlag> Flags(TickContext context, CampaignPlan campaign, CampaignState state, Draw? draw, CampaignFacts facts)
    {
        if (state == CampaignState.Cancelled || Due(campaign, draw, context.Calendar) is not { } due || context.Today <= due.Date)
        {
            return [];
        }
        return Missing(campaign, facts, context.Today).Select(d => new OverdueFlag(
            FlagKind.ListConfirmationOverdue, campaign.Id, d, due.Date.AddDays(1),
            $"尚未确认收到抽查名单（{draw!.Entities.Count}户检查对象及本部门被抽取的执法检查人员，002 五(三)2）"));
    }

    public static IEnumerable<DeliveryOrder> Reminders(TickContext context, CampaignPlan campaign, CampaignState state, Draw? draw, CampaignFacts facts)
    {
        if (state == CampaignState.Cancelled || Due(campaign, draw, context.Calendar) is not { } due || context.Today != due.Date)
        {
            yield break;
        }
        foreach (var departmentId in Missing(campaign, facts, context.Today))
        {
            foreach (var contact in context.Plan.Department(departmentId).Contacts.Where(c => c.Email is not null))
            {
                yield return new DeliveryOrder(
                    $"{campaign.Id}|reminder|list-confirmation|{departmentId}|{contact.Email}",
                    "reminder",
                    campaign.Id,
                    contact,
                    "reminder",
                    DocumentModels.Reminder(context.Plan, campaign.Name, contact, Deadline, due.Date, 0,
                        [$"确认收到本部门的抽查名单（检查对象和执法检查人员，见抽调人员函），并登记（campaigns confirm-list --campaign {campaign.Id} --department {departmentId}）"],
                        due.Provisional),
                    []);
            }
        }
    }
}
