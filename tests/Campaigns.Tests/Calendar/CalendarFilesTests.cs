using Campaigns.Calendar;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Calendar;

public class CalendarFilesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_ShippedFolder_KnowsEveryNoticeYearButTheEmptyOne()
    {
        var calendar = CalendarFiles.Load(Repository.Path("config", "calendar"));
        Enumerable.Range(2019, 8).ShouldAllBe(y => calendar.IsKnown(y));
        calendar.IsKnown(2027).ShouldBeFalse();
    }

    [Fact]
    public void Load_MissingFolder_EverythingUnknown() =>
        CalendarFiles.Load(_dir.File("nowhere")).IsKnown(2024).ShouldBeFalse();

    [Fact]
    public void Read_BadDate_NamesFileAndEntry()
    {
        File.WriteAllText(_dir.File("2030.json"), """{"year": 2030, "papers": [], "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}, {"name": "x", "date": "2030-13-01", "isOffDay": true}]}""");
        var error = Should.Throw<FormatException>(() => CalendarFiles.Load(_dir.Path));
        error.Message.ShouldContain("2030.json");
        error.Message.ShouldContain("days[1]");
    }

    [Fact]
    public void Read_NotANoticeFile_NamesFile()
    {
        File.WriteAllText(_dir.File("2031.json"), """{"days": 3}""");
        Should.Throw<FormatException>(() => CalendarFiles.Load(_dir.Path)).Message.ShouldContain("2031.json");
    }

    [Fact]
    public void CalendarSource_NoticeAddedLater_NextLoadKnowsTheYear()
    {
        File.Copy(Repository.Path("config", "calendar", "2026.json"), _dir.File("2026.json"));
        var source = new CalendarSource();
        var before = source.Load(_dir.Path);
        before.IsKnown(2027).ShouldBeFalse();
        source.Load(_dir.Path).ShouldBeSameAs(before, "unchanged files are not parsed again");

        File.WriteAllText(_dir.File("2027.json"), """{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}""");
        var after = source.Load(_dir.Path);
        after.IsKnown(2027).ShouldBeTrue();
        after.IsWorkingDay(new DateOnly(2027, 1, 1)).ShouldBeFalse();
    }
}
