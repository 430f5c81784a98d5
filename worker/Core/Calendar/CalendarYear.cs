namespace Campaigns.Core.Calendar;

/// <summary>
/// One State Council holiday notice: the statutory days off and the make-up working days (调休) it sets.
/// A notice may name days of the neighbouring year (late December, early January).
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> MakeupWorkdays)
{
    public bool IsEmpty => Holidays.Count == 0 && MakeupWorkdays.Count == 0;
}
