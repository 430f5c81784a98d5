using Campaigns.Core.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Web;

/// <summary>An active overdue flag as a page shows it: what, whose, since when, and working days overdue as the breach report counts them.</summary>
public sealed record FlagView(string? CampaignId, string? Campaign, string What, string Whose, string Since, int WorkingDaysOverdue)
{
    public static FlagView Of(AnnualPlan plan, FlagRow flag, WorkingCalendar calendar, DateOnly today)
    {
        var since = DateOnly.ParseExact(flag.Since, "yyyy-MM-dd");
        var campaign = plan.Campaigns.FirstOrDefault(c => c.Id == flag.Scope);
        // A department's flag names the department as its subject; the office's own flags have none (or an address).
        var whose = plan.Departments.FirstOrDefault(d => d.Id == flag.Subject)?.Name ?? plan.Office.Name;
        return new FlagView(campaign?.Id, campaign?.Name, $"{FlagNames.Parse(flag.Kind).ChineseName()}（{flag.Detail}）", whose, flag.Since,
            calendar.CountWorkingDays(since.AddDays(-1), today));
    }

    /// <summary>The flags of one plan (its own and its campaigns'), oldest first.</summary>
    public static IReadOnlyList<FlagView> OfPlan(AnnualPlan plan, IReadOnlyList<FlagRow> flags, WorkingCalendar calendar, DateOnly today) =>
        [.. flags.Where(f => f.Scope == plan.Key || plan.Campaigns.Any(c => c.Id == f.Scope))
            .Select(f => Of(plan, f, calendar, today)).OrderBy(f => f.Since, StringComparer.Ordinal)];
}
