using Campaigns.Core.Calendar;

namespace Campaigns.Calendar;

/// <summary>
/// The calendar folder, re-read only when a notice file is added, removed or changed, so every tick sees a
/// newly added year (and recomputes provisional dates) without parsing every file every tick.
/// </summary>
public sealed class CalendarSource
{
    private readonly Lock _gate = new();
    private string _stamp = "";
    private WorkingCalendar _calendar = WorkingCalendar.Empty;

    public WorkingCalendar Load(string folder)
    {
        var stamp = Directory.Exists(folder)
            ? string.Join("|", Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => $"{f}@{File.GetLastWriteTimeUtc(f).Ticks}"))
            : "";
        lock (_gate)
        {
            if (stamp != _stamp)
            {
                _calendar = CalendarFiles.Load(folder);
                _stamp = stamp;
            }
            return _calendar;
        }
    }
}
