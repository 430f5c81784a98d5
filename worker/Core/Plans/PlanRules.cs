namespace Campaigns.Core.Plans;

/// <summary>
/// The numeric rules from RULES.md. Every one is a default the office may override in `rules:`,
/// and a campaign may override again in its own `rules:`; the parser resolves the effective set.
/// </summary>
/// <param name="ResultEntryWorkingDays">Results entered within 20 working days of the inspection's end (001 二, 002 五(三)7, 003 §20(四), 004 §23).</param>
/// <param name="PublicityWorkingDays">
/// Results published on the credit-information system within 20 working days of the inspection's end, by whoever inspected
/// (谁检查、谁录入、谁公示: 002 五(三)7, 003 §20(四), 004 §23): the same day the results fall due.
/// </param>
/// <param name="MaxJointChecksPerEntityPerYear">At most 2 joint spot checks of one entity a year (001 (九), 003 §10).</param>
/// <param name="MinInspectorsPerEntity">At least 2 inspectors per entity (001 (十), 002 五(二)2, 004 §17).</param>
/// <param name="Reminders">Reminder days per milestone, by the YAML key under `rules.reminders` (see <see cref="ReminderDays"/>).</param>
/// <param name="BulletinWorkingDays">
/// An office's own bulletin (一抽查一通报) on the government site within this many working days of the inspection's end:
/// 15 where the office follows 001 (十一); absent (no bulletin milestone) by default, as in 002, 003 and 004.
/// </param>
/// <param name="ListConfirmationWorkingDays">
/// Each department confirms receipt of its drawn entities and inspectors within this many working days of the dispatch
/// (the draw): 1 where the office follows 002 五(三)2; absent (no confirmation asked) by default.
/// </param>
/// <param name="PublicityByDepartment">
/// Each department confirms its own results' publicity (谁检查、谁录入、谁公示: 002 五(三)7, 003 §20(四), 004 §23), and is
/// flagged and 催办 by itself when late; false (the office confirms once for all, as before) unless the plan sets
/// `publicity_by: department`. An office-wide confirmation counts for every department either way.
/// </param>
/// <param name="CheckItemChangeWorkingDays">A published plan's check-item list changes are made public within 10 working days (004 §8).</param>
public sealed record PlanRules(
    int ResultEntryWorkingDays = 20,
    int PublicityWorkingDays = 20,
    int MaxJointChecksPerEntityPerYear = 2,
    int MinInspectorsPerEntity = 2,
    IReadOnlyDictionary<string, IReadOnlyList<int>>? Reminders = null,
    int? BulletinWorkingDays = null,
    int? ListConfirmationWorkingDays = null,
    bool PublicityByDepartment = false,
    int CheckItemChangeWorkingDays = 10)
{
    public static PlanRules Default { get; } = new();

    /// <summary>
    /// The reminder days set under `rules.reminders`, by the YAML key of the milestone (<see cref="PlanKeys.Reminders"/>);
    /// a milestone not named keeps the office's days, or the worker's defaults.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ReminderDays => Reminders ?? new Dictionary<string, IReadOnlyList<int>>();
}
