using System.Text;
using Campaigns.Core.Documents;

namespace Campaigns.Tests.Core.Documents;

public class CalendarFileTests
{
    private static readonly string Text = CalendarFile.Write(
        [new CalendarFile.Event("c-group-1@campaigns.local", new DateOnly(2026, 4, 14), new DateOnly(2026, 5, 29),
            "2026年清河县互联网上网服务营业场所“双随机、一公开”部门联合抽查 第1检查组实地检查",
            "组长：黎海华；组员：沈伟、苏强\n检查对象：\n1. 清河县谢炉镇阳光网咖有限公司（河北省邢台市清河县谢炉镇129号）、𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾")],
        new DateOnly(2026, 4, 14));

    /// <summary>RFC 5545 §3.1: unfolding removes every CRLF followed by one space.</summary>
    private static string[] Unfolded => Text.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Write_AllDayEvent_EndIsTheDayAfterTheLastDay_StampFromTheGivenDay()
    {
        Unfolded.ShouldContain("DTSTART;VALUE=DATE:20260414");
        Unfolded.ShouldContain("DTEND;VALUE=DATE:20260530");
        Unfolded.ShouldContain("DTSTAMP:20260414T000000Z");
        Unfolded.ShouldContain("UID:c-group-1@campaigns.local");
        Unfolded.First().ShouldBe("BEGIN:VCALENDAR");
        Unfolded.Last().ShouldBe("END:VCALENDAR");
    }

    [Fact]
    public void Write_LinesEndInCrlf_FoldedAt75Octets_WithoutSplittingACharacter()
    {
        Text.Replace("\r\n", "").ShouldNotContain("\n");
        var lines = Text.Split("\r\n");
        lines.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
        lines.ShouldContain(l => l.StartsWith(' '));
        // Folding never cut a character: each physical line survives UTF-8 on its own, so no surrogate pair of the
        // four-byte 𠀾 in the description was split across lines.
        lines.ShouldAllBe(l => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(l)) == l);
    }

    [Fact]
    public void Write_TextEscaped_NewlinesCommasAndSemicolons()
    {
        var description = Unfolded.First(l => l.StartsWith("DESCRIPTION:组长"));
        // Chinese punctuation (；、，) is not escaped; only the ASCII separators and newlines are.
        description.ShouldBe(@"DESCRIPTION:组长：黎海华；组员：沈伟、苏强\n检查对象：\n1. 清河县谢炉镇阳光网咖有限公司（河北省邢台市清河县谢炉镇129号）、𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾𠀾");
        CalendarFile.Write([new CalendarFile.Event("u", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), "a,b;c\\d", "x")], new DateOnly(2026, 1, 1))
            .Replace("\r\n ", "").ShouldContain(@"SUMMARY:a\,b\;c\\d");
    }
}
