namespace Campaigns.Core.Calendar;

/// <summary>
/// The Chinese official working calendar: Monday to Friday work, statutory holidays off, make-up days
/// (often a Saturday or Sunday) on. A year without a notice is unknown and falls back to weekends only;
/// counts through such a year are provisional.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _makeupWorkdays = [];
    private readonly HashSet<int> _knownYears = [];

    public WorkingCalendar(IEnumerable<CalendarYear> notices)
    {
        foreach (var notice in notices.Where(n => !n.IsEmpty))
        {
            _knownYears.Add(notice.Year);
            _holidays.UnionWith(notice.Holidays);
            _makeupWorkdays.UnionWith(notice.MakeupWorkdays);
        }
    }

    public static WorkingCalendar Empty { get; } = new([]);

    public bool IsKnown(int year) => _knownYears.Contains(year);

    public bool IsWorkingDay(DateOnly date) =>
        _makeupWorkdays.Contains(date)
        || (!_holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="start"/>: day 1 is the first working day after it.</summary>
    public WorkingDay AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = start;
        var provisional = false;
        for (var found = 0; found < count;)
        {
            day = day.AddDays(1);
            provisional |= !IsKnown(day.Year);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }
        return new WorkingDay(day, provisional);
    }

    /// <summary>Working days d with <paramref name="afterExclusive"/> &lt; d ≤ <paramref name="toInclusive"/>; 0 when the range is empty.</summary>
    public int CountWorkingDays(DateOnly afterExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var day = afterExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Years between the two dates (inclusive) that have no notice, for warnings.</summary>
    public IReadOnlyList<int> UnknownYears(DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)).Where(y => !IsKnown(y))];
}
