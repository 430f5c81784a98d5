using Campaigns.Core.Timeline;

namespace Campaigns.Core.Engine;

/// <summary>
/// When reminders go out, as working days before each milestone (0 = the day itself); plan publication
/// counts calendar days because its deadline is a fixed date (31 March).
/// </summary>
public sealed record ReminderPolicy(
    IReadOnlyList<int> PlanPublicationCalendarDays,
    IReadOnlyDictionary<MilestoneKind, IReadOnlyList<int>> WorkingDaysBefore)
{
    public static ReminderPolicy Default { get; } = new(
        [10, 3, 0],
        new Dictionary<MilestoneKind, IReadOnlyList<int>>
        {
            [MilestoneKind.Draw] = [1],
            [MilestoneKind.WindowStart] = [2],
            [MilestoneKind.ResultEntryDeadline] = [5, 2, 1, 0],
            [MilestoneKind.PublicityDeadline] = [3, 1, 0],
            [MilestoneKind.SummaryDue] = [5, 1, 0],
        });
}
