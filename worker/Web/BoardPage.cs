using Campaigns.Core.Calendar;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;
using Campaigns.Storage;

namespace Campaigns.Web;

/// <summary>
/// The office-year board: every campaign with its state, next milestone (date, working days left, provisional marked),
/// its flags with working days overdue, and per department the results entered against those owed.
/// </summary>
public sealed record BoardPage(ConsoleLayout Layout, string OfficeName, int Year, string Today, IReadOnlyList<BoardPage.Row> Campaigns, IReadOnlyList<FlagView> OfficeFlags)
{
    public sealed record Row(
        string Id, string Name, string State, string? Next, string? NextDate, int? WorkingDaysLeft, bool Provisional,
        IReadOnlyList<FlagView> Flags, IReadOnlyList<DepartmentProgress> Departments, bool Late);

    /// <summary>The board of <paramref name="plan"/> for a viewer who sees <paramref name="visible"/> of its campaigns.</summary>
    public static BoardPage Build(
        ConsoleLayout layout, AnnualPlan plan, IEnumerable<CampaignPlan> visible, WorkingCalendar calendar, DateOnly today, IReadOnlyDictionary<string, string> states,
        IReadOnlyList<FlagRow> flags, Func<string, (Draw? Draw, IReadOnlyList<ResultEntry> Results)> facts)
    {
        var planFlags = FlagView.OfPlan(plan, flags, calendar, today);
        var rows = visible.Select(campaign =>
        {
            var next = CampaignTimeline.For(plan, campaign, calendar).Where(m => m.Date >= today).MinBy(m => m.Date);
            var (draw, results) = facts(campaign.Id);
            var campaignFlags = planFlags.Where(f => f.CampaignId == campaign.Id).ToList();
            return new Row(
                campaign.Id, campaign.Name, StateNames.Chinese(states.GetValueOrDefault(campaign.Id)), next?.Kind.ChineseName(), next?.Date.ToString("yyyy-MM-dd"),
                next is null ? null : calendar.CountWorkingDays(today, next.Date), next?.Provisional ?? false,
                campaignFlags, DepartmentProgress.Of(plan, campaign, draw, results), campaignFlags.Count > 0);
        }).ToList();
        return new BoardPage(layout, plan.Office.Name, plan.Year, today.ToString("yyyy-MM-dd"), rows, [.. planFlags.Where(f => f.CampaignId is null)]);
    }
}
