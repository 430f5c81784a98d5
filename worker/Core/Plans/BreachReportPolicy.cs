namespace Campaigns.Core.Plans;

/// <summary>
/// `breach_reports:` in the plan. Leaders (`leaders:`) get the report every working day, or with <see cref="Weekly"/>
/// on the first working day of each week; items overdue <see cref="EscalateAfterWorkingDays"/> working days or more
/// also go to <see cref="EscalateTo"/> (the next level up), in a report of their own.
/// </summary>
public sealed record BreachReportPolicy(bool Weekly, int? EscalateAfterWorkingDays, IReadOnlyList<Contact> EscalateTo)
{
    public static BreachReportPolicy Default { get; } = new(false, null, []);
}
