using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;

namespace Campaigns.Core.Engine;

/// <summary>
/// When reminders go out, as working days before each milestone (0 = the day itself); plan publication
/// counts calendar days because its deadline is a fixed date (31 March). The plan may change any of them under
/// `rules.reminders`, for the office or for one campaign.
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
            [MilestoneKind.BulletinDeadline] = [3, 1, 0],
            [MilestoneKind.SummaryDue] = [5, 1, 0],
        });

    private static readonly Dictionary<string, MilestoneKind> ByPlanKey = new()
    {
        ["draw"] = MilestoneKind.Draw,
        ["window_start"] = MilestoneKind.WindowStart,
        ["result_entry_deadline"] = MilestoneKind.ResultEntryDeadline,
        ["publicity_deadline"] = MilestoneKind.PublicityDeadline,
        ["bulletin_deadline"] = MilestoneKind.BulletinDeadline,
        ["summary_due"] = MilestoneKind.SummaryDue,
    };

    /// <summary>The defaults with what <paramref name="rules"/> sets in `reminders:` put over them.</summary>
    public static ReminderPolicy For(PlanRules rules)
    {
        var days = rules.ReminderDays;
        if (days.Count == 0)
        {
            return Default;
        }
        var workingDays = new Dictionary<MilestoneKind, IReadOnlyList<int>>(Default.WorkingDaysBefore);
        foreach (var (key, kind) in ByPlanKey)
        {
            if (days.TryGetValue(key, out var offsets))
            {
                workingDays[kind] = offsets;
            }
        }
        return new ReminderPolicy(days.GetValueOrDefault("plan_publication") ?? Default.PlanPublicationCalendarDays, workingDays);
    }
}
