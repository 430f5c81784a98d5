namespace Campaigns.Core.Plans;

/// <summary>
/// The numeric rules from RULES.md. Every one is a default the office may override in `rules:`,
/// and a campaign may override again in its own `rules:`; the parser resolves the effective set.
/// </summary>
public sealed record PlanRules(
    int ResultEntryWorkingDays = 20,
    int PublicityWorkingDays = 15,
    int MaxJointChecksPerEntityPerYear = 2,
    int MinInspectorsPerEntity = 2,
    IReadOnlyDictionary<string, IReadOnlyList<int>>? Reminders = null)
{
    public static PlanRules Default { get; } = new();

    /// <summary>
    /// The reminder days set under `rules.reminders`, by the YAML key of the milestone (<see cref="PlanKeys.Reminders"/>);
    /// a milestone not named keeps the office's days, or the worker's defaults.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ReminderDays => Reminders ?? new Dictionary<string, IReadOnlyList<int>>();
}
