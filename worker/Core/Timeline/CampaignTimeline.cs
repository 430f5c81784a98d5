using Campaigns.Core.Calendar;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Timeline;

/// <summary>Every date a plan implies; deadlines counted in working days after the window's last day.</summary>
public static class CampaignTimeline
{
    /// <summary>The office's publication deadline, then every campaign's milestones, in date order (plan order on ties).</summary>
    public static IReadOnlyList<Milestone> For(AnnualPlan plan, WorkingCalendar calendar) =>
    [
        .. new[] { new Milestone(null, MilestoneKind.PlanPublicationDeadline, plan.Office.PublishBy, false) }
            .Concat(plan.Campaigns.SelectMany(c => For(plan, c, calendar)))
            .Select((m, i) => (m, i))
            .OrderBy(x => x.m.Date)
            .ThenBy(x => x.i)
            .Select(x => x.m),
    ];

    public static IReadOnlyList<Milestone> For(AnnualPlan plan, CampaignPlan campaign, WorkingCalendar calendar)
    {
        var results = calendar.AddWorkingDays(campaign.Window.End, campaign.Rules.ResultEntryWorkingDays);
        var publicity = calendar.AddWorkingDays(campaign.Window.End, campaign.Rules.PublicityWorkingDays);
        List<Milestone> milestones =
        [
            new(campaign.Id, MilestoneKind.Draw, campaign.DrawOn, false),
            new(campaign.Id, MilestoneKind.WindowStart, campaign.Window.Start, false),
            new(campaign.Id, MilestoneKind.WindowEnd, campaign.Window.End, false),
            new(campaign.Id, MilestoneKind.PublicityDeadline, publicity.Date, publicity.Provisional),
            new(campaign.Id, MilestoneKind.ResultEntryDeadline, results.Date, results.Provisional),
        ];
        if (campaign.SummaryDue is { } summary)
        {
            milestones.Add(new(campaign.Id, MilestoneKind.SummaryDue, summary, false));
        }
        return [.. milestones.OrderBy(m => m.Date)];
    }
}
