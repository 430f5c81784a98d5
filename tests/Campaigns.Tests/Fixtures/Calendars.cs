using Campaigns.Calendar;
using Campaigns.Core.Calendar;

namespace Campaigns.Tests.Fixtures;

public static class Calendars
{
    /// <summary>The State Council calendar shipped in config/calendar.</summary>
    public static WorkingCalendar Shipped { get; } = CalendarFiles.Load(Repository.Path("config", "calendar"));
}
