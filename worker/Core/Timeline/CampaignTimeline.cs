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

    /// <summary>
    /// Whether <paramref name="milestone"/> is a draw that must wait for the plan's publication (001 (八)): the plan
    /// has no published_on, or one after the draw's day. The engine draws once the plan is published.
    /// </summary>
    public static bool WaitsForPublication(AnnualPlan plan, Milestone milestone) =>
        milestone.Kind == MilestoneKind.Draw && !(plan.Office.PublishedOn is { } on && on <= milestone.Date);

    public static IReadOnlyList<Milestone> For(AnnualPlan plan, CampaignPlan campaign, WorkingCalendar calendar)
    {
        var results = calendar.AddWorkingDays(campaign.Window.End, campaign.Rules.ResultEntryWorkingDays);
        var publicity = calendar.AddWorkingDays(campaign.Window.End, campaign.Rules.PublicityWorkingDays);
        List<Milestone> milestones =
        [
            new(campaign.Id, MilestoneKind.Draw, campaign.DrawOn, false),
            new(campaign.Id, MilestoneKind.WindowStart, campaign.Window.Start, false),
            new(campaign.Id, MilestoneKind.WindowEnd, campaign.Window.End, false),
            // Entered, then published: on the same day by default (both 20 working days), results come first.
            new(campaign.Id, MilestoneKind.ResultEntryDeadline, results.Date, results.Provisional),
            new(campaign.Id, MilestoneKind.PublicityDeadline, publicity.Date, publicity.Provisional),
        ];
        if (campaign.Rules.BulletinWorkingDays is { } bulletinDays)
        {
            var bulletin = calendar.AddWorkingDays(campaign.Window.End, bulletinDays);
            milestones.Add(new(campaign.Id, MilestoneKind.BulletinDeadline, bulletin.Date, bulletin.Provisional));
        }
        if (campaign.SummaryDue is { } summary)
        {
            milestones.Add(new(campaign.Id, MilestoneKind.SummaryDue, summary, false));
        }
        return [.. milestones.OrderBy(m => m.Date)];
    }
}
