using System.Globalization;
using System.Text.Json;
using Campaigns.Core.Calendar;

namespace Campaigns.Calendar;

/// <summary>
/// Reads the holiday notices in config/calendar (holiday-cn format: {"year", "days": [{"name", "date", "isOffDay"}]}).
/// All files are loaded, since a notice keyed by one year may set days of the next.
/// </summary>
public static class CalendarFiles
{
    public static WorkingCalendar Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return WorkingCalendar.Empty;
        }
        return new WorkingCalendar(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Read));
    }

    public static CalendarYear Read(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var year = root.GetProperty("year").GetInt32();
            var holidays = new HashSet<DateOnly>();
            var makeup = new HashSet<DateOnly>();
            var index = 0;
            foreach (var day in root.GetProperty("days").EnumerateArray())
            {
                var text = day.GetProperty("date").GetString();
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new FormatException($"{path}: days[{index}].date '{text}' is not a YYYY-MM-DD date");
                }
                (day.GetProperty("isOffDay").GetBoolean() ? holidays : makeup).Add(date);
                index++;
            }
            return new CalendarYear(year, holidays, makeup);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a holiday notice file ({e.Message})", e);
        }
    }
}
