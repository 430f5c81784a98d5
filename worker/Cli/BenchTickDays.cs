using Campaigns.Core.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;

namespace Campaigns.Cli;

/// <summary>
/// The days bench-tick ticks on in the year of <see cref="ProvincePlans"/>, from the real calendar. Between the timed
/// days it ticks where something happens (publication, reminders, window start and end), as a worker that ran every day
/// would have left the store; every campaign ends its window on one day, so they share one result-entry deadline.
/// </summary>
public sealed record BenchTickDays(
    DateOnly Publication,
    DateOnly DrawReminder,
    DateOnly Draw,
    IReadOnlyList<DateOnly> BeforeNothingDue,
    DateOnly NothingDue,
    IReadOnlyList<DateOnly> BeforeDeadline,
    DateOnly Deadline,
    DateOnly Overdue)
{
    public static BenchTickDays From(WorkingCalendar calendar)
    {
        var plan = PlanParser.Parse(ProvincePlans.Yaml(0, 1), "probe.yaml").Plan!;
        var deadline = CampaignTimeline.For(plan, plan.Campaigns[0], calendar).Single(m => m.Kind == MilestoneKind.ResultEntryDeadline).Date;
        // A week and a half into result entry: the window-end transition is done, the first reminder of publicity
        // (3 working days before its 15th working day) and of result entry (5 before the 20th) still ahead.
        var nothingDue = calendar.AddWorkingDays(ProvincePlans.WindowEnd, 7).Date;
        var lastWindowStart = ProvincePlans.FirstWindowStart.AddDays(4);
        return new BenchTickDays(
            new DateOnly(ProvincePlans.Year, 4, 1),
            Reminders.WorkingDaysBefore(calendar, ProvincePlans.DrawOn, 1),
            ProvincePlans.DrawOn,
            [.. Days(ProvincePlans.DrawOn.AddDays(1), lastWindowStart, _ => true), calendar.AddWorkingDays(ProvincePlans.WindowEnd, 1).Date],
            nothingDue,
            Days(nothingDue.AddDays(1), deadline.AddDays(-1), calendar.IsWorkingDay),
            deadline,
            calendar.AddWorkingDays(deadline, 1).Date);
    }

    private static List<DateOnly> Days(DateOnly from, DateOnly to, Func<DateOnly, bool> keep)
    {
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (keep(day))
            {
                days.Add(day);
            }
        }
        return days;
    }
}
