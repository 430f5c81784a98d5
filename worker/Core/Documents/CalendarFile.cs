using System.Text;

namespace Campaigns.Core.Documents;

/// <summary>
/// An iCalendar file (RFC 5545) of all-day events, so an inspection window or a deadline lands in the recipient's own
/// calendar. Written by hand because the format is small: CRLF lines, text escaped (§3.3.11), lines folded at 75
/// octets without splitting a UTF-8 character (§3.1). DTSTAMP is the day the file was owed, never the clock.
/// </summary>
public static class CalendarFile
{
    /// <summary>One all-day event from <see cref="Start"/> to <see cref="LastDay"/> inclusive.</summary>
    public sealed record Event(string Uid, DateOnly Start, DateOnly LastDay, string Summary, string Description);

    public static string Write(IEnumerable<Event> events, DateOnly stamp)
    {
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//campaigns//shuang-sui-ji//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH" };
        foreach (var e in events)
        {
            lines.AddRange(
            [
                "BEGIN:VEVENT",
                $"UID:{e.Uid}",
                $"DTSTAMP:{stamp:yyyyMMdd}T000000Z",
                $"DTSTART;VALUE=DATE:{e.Start:yyyyMMdd}",
                $"DTEND;VALUE=DATE:{e.LastDay.AddDays(1):yyyyMMdd}",
                $"SUMMARY:{Escape(e.Summary)}",
                $"DESCRIPTION:{Escape(e.Description)}",
                "TRANSP:TRANSPARENT",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "TRIGGER:-PT15H",
                $"DESCRIPTION:{Escape(e.Summary)}",
                "END:VALARM",
                "END:VEVENT",
            ]);
        }
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }
        return text.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Content lines longer than 75 octets continue on the next line after CRLF and one space.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(rune.ToString());
            octets += size;
        }
        text.Append("\r\n");
    }
}
