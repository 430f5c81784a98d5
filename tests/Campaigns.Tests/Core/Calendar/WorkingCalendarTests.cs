using Campaigns.Core.Calendar;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Shipped = Calendars.Shipped;

    [Theory]
    // Each case counted by hand from the State Council notice in config/calendar.
    [InlineData("2024-09-27", 20, "2024-10-30")] // before National Day: Sun 29 Sep is a make-up day (1), Mon 30 Sep (2), 1–7 Oct off, Sat 12 Oct worked
    [InlineData("2024-09-30", 1, "2024-10-08")]  // the first working day after the holiday week
    [InlineData("2024-06-07", 1, "2024-06-11")]  // before Dragon Boat: Mon 10 Jun 2024 is off
    [InlineData("2024-06-07", 20, "2024-07-08")] // 20 days across Dragon Boat (one weekday lost)
    [InlineData("2024-05-31", 20, "2024-07-01")] // 3–7 Jun (5), 11–14 (9), 17–21 (14), 24–28 (19), 1 Jul (20)
    [InlineData("2024-05-31", 15, "2024-06-24")] // the publicity deadline of the same window
    [InlineData("2024-12-20", 20, "2025-01-20")] // crossing New Year: 1 Jan 2025 off, read from the 2025 notice
    [InlineData("2025-01-24", 3, "2025-02-05")]  // Spring Festival 2025: Sun 26 Jan worked (1), Mon 27 (2), 28 Jan–4 Feb off, 5 Feb (3)
    [InlineData("2026-09-24", 20, "2026-10-29")] // 2026: Mid-Autumn and National Day, Sat 10 Oct worked
    public void AddWorkingDays_KnownYears_MatchesTheNotices(string start, int days, string expected)
    {
        var result = Shipped.AddWorkingDays(DateOnly.Parse(start), days);
        result.Date.ShouldBe(DateOnly.Parse(expected));
        result.Provisional.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2024-10-01", false)] // National Day, a Tuesday
    [InlineData("2024-10-12", true)]  // make-up Saturday
    [InlineData("2024-09-29", true)]  // make-up Sunday
    [InlineData("2024-10-19", false)] // ordinary Saturday
    [InlineData("2024-10-21", true)]  // ordinary Monday
    [InlineData("2025-01-26", true)]  // make-up Sunday set by the 2025 notice
    public void IsWorkingDay_FollowsHolidaysAndMakeupDays(string date, bool working) =>
        Shipped.IsWorkingDay(DateOnly.Parse(date)).ShouldBe(working);

    [Fact]
    public void AddWorkingDays_IntoUnknownYear_WeekendsOnlyAndProvisional()
    {
        Shipped.IsKnown(2027).ShouldBeFalse();
        // Fri 4 Dec 2026 + 20: Dec has 19 working days after the 4th (to Thu 31 Dec), then Fri 1 Jan 2027, which
        // the unknown 2027 calendar cannot know is New Year's Day.
        var result = Shipped.AddWorkingDays(new DateOnly(2026, 12, 4), 20);
        result.ShouldBe(new WorkingDay(new DateOnly(2027, 1, 1), true));
    }

    [Fact]
    public void AddWorkingDays_WithinKnownYearNearUnknownOne_NotProvisional() =>
        Shipped.AddWorkingDays(new DateOnly(2026, 12, 4), 19).Provisional.ShouldBeFalse();

    [Fact]
    public void Empty_CountsWeekendsOnly()
    {
        WorkingCalendar.Empty.IsWorkingDay(new DateOnly(2024, 10, 1)).ShouldBeTrue();
        WorkingCalendar.Empty.AddWorkingDays(new DateOnly(2024, 10, 4), 1).ShouldBe(new WorkingDay(new DateOnly(2024, 10, 7), true));
    }

    [Fact]
    public void AddWorkingDays_ZeroDays_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Shipped.AddWorkingDays(new DateOnly(2024, 1, 1), 0));

    [Theory]
    [InlineData("2024-07-01", "2024-07-01", 0)]  // empty range
    [InlineData("2024-07-01", "2024-07-08", 5)]  // Tue–Fri and Mon
    [InlineData("2024-09-30", "2024-10-12", 5)]  // 8–11 Oct (4) and the make-up Saturday (5)
    public void CountWorkingDays_ExcludesStartIncludesEnd(string after, string to, int expected) =>
        Shipped.CountWorkingDays(DateOnly.Parse(after), DateOnly.Parse(to)).ShouldBe(expected);

    [Fact]
    public void UnknownYears_ListsYearsWithoutNotice() =>
        Shipped.UnknownYears(new DateOnly(2026, 1, 1), new DateOnly(2028, 2, 1)).ShouldBe([2027, 2028]);

    [Fact]
    public void NewNotice_RecomputesTheProvisionalDate()
    {
        var notice2027 = new CalendarYear(2027, new HashSet<DateOnly> { new(2027, 1, 1) }, new HashSet<DateOnly>());
        var years = Directory.GetFiles(Repository.Path("config", "calendar"), "*.json").Select(Campaigns.Calendar.CalendarFiles.Read).Append(notice2027);
        new WorkingCalendar(years).AddWorkingDays(new DateOnly(2026, 12, 4), 20).ShouldBe(new WorkingDay(new DateOnly(2027, 1, 4), false));
    }
}
