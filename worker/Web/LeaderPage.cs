using Campaigns.Core.Calendar;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Web;

/// <summary>
/// The leaders' page: the breaches of every office they lead, oldest first, with the escalation level the breach report
/// uses (items overdue the plan's escalate_after_working_days or more also go to the level above): the report, one click deeper.
/// </summary>
public sealed record LeaderPage(ConsoleLayout Layout, string Today, IReadOnlyList<LeaderPage.Office> Offices)
{
    public sealed record Office(string Name, string Slug, IReadOnlyList<Breach> Breaches);

    public sealed record Breach(string? CampaignId, string Campaign, string What, string Whose, string Since, int WorkingDaysOverdue, string Level, bool Escalated);

    public static LeaderPage Build(ConsoleLayout layout, IReadOnlyList<ConsolePlan> led, IReadOnlyList<FlagRow> flags, WorkingCalendar calendar, Func<AnnualPlan, DateOnly> today) =>
        new(layout, led.Count > 0 ? today(led[0].Plan!).ToString("yyyy-MM-dd") : "", [.. led.Select(file =>
        {
            var plan = file.Plan!;
            var after = plan.Breach.EscalateAfterWorkingDays;
            return new Office(plan.Office.Name, file.Slug, [.. FlagView.OfPlan(plan, flags, calendar, today(plan)).Select(f =>
            {
                var escalated = after is { } a && f.WorkingDaysOverdue >= a;
                return new Breach(f.CampaignId, f.Campaign ?? "年度抽查计划", f.What, f.Whose, f.Since, f.WorkingDaysOverdue,
                    escalated ? $"已报上一级（超期满{after}个工作日）" : "领导小组", escalated);
            })]);
        })]);
}
