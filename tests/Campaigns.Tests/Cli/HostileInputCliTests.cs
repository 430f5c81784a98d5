using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Cli;

/// <summary>Hostile or careless input through the real binary: located Chinese lines and exit 1, never a stack trace.</summary>
public class HostileInputCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    private static void NoStackTrace(CliProcess.Result result)
    {
        result.Out.ShouldNotContain("   at ");
        result.Error.ShouldNotContain("   at ");
        result.Error.ShouldNotContain("Exception:");
    }

    [Fact]
    public async Task TimelineAndStatus_HugeWorkingDays_ErrorLinesNoStackTrace()
    {
        Directory.CreateDirectory(_dir.File("plans"));
        var path = _dir.File("plans", "2026.yaml");
        File.WriteAllText(path, Sample.Replace("  result_entry_working_days: 20 ", "  result_entry_working_days: 2147483647 "));

        var timeline = await CliProcess.Run("timeline", "--plan", path);
        var status = await CliProcess.Run(new Dictionary<string, string>
        {
            ["Campaigns__Database"] = _dir.File("campaigns.db"),
            ["Campaigns__Plans"] = _dir.File("plans"),
        }, "status");

        timeline.ExitCode.ShouldBe(1);
        timeline.ErrorLines.ShouldContain(l => l.StartsWith(path + ":") && l.Contains("结果录入时限（工作日）应在 1 至 250 之间，实为 2147483647"));
        NoStackTrace(timeline);
        status.ExitCode.ShouldBeOneOf(0, 1);
        NoStackTrace(status);
    }

    [Fact]
    public async Task Status_SettingsThatDoNotHold_EachNamedNoStackTrace()
    {
        var status = await CliProcess.Run(new Dictionary<string, string>
        {
            ["Campaigns__Database"] = _dir.File("campaigns.db"),
            ["Campaigns__TimeZone"] = "Mars/Olympus",
            ["Campaigns__Templates"] = _dir.File("no-templates-here"),
        }, "status");

        status.ExitCode.ShouldBe(1);
        status.ErrorLines.ShouldContain("Campaigns:TimeZone 'Mars/Olympus' is not a known time zone.");
        status.ErrorLines.ShouldContain($"Campaigns:Templates folder '{_dir.File("no-templates-here")}' does not exist.");
        NoStackTrace(status);
        File.Exists(_dir.File("campaigns.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_TimeZoneThatDoesNotExist_LoggedWithTheSettingsCheck()
    {
        // The worker's scheduler reads the time zone while it is wired, before the host starts and checks its settings: it
        // stopped there on TimeZoneNotFoundException, printed by System.CommandLine, not logged in the worker's format.
        var run = await CliProcess.Run(new Dictionary<string, string>
        {
            ["Campaigns__Database"] = _dir.File("campaigns.db"),
            ["Campaigns__TimeZone"] = "Mars/Olympus",
            ["Campaigns__HttpPort"] = "0",
            ["Campaigns__LogFormat"] = "json",
        }, "run");

        run.ExitCode.ShouldBe(1);
        var entries = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        entries.ShouldContain(e => e.GetProperty("LogLevel").GetString() == "Error"
            && e.GetProperty("Exception").GetString()!.Contains("Campaigns:TimeZone 'Mars/Olympus' is not a known time zone."));
        run.Error.ShouldNotContain("TimeZoneNotFoundException");
    }

    private const string Header = "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态";

    private Dictionary<string, string> Settings => new()
    {
        ["Campaigns__Database"] = _dir.File("campaigns.db"),
        ["Campaigns__Plans"] = "config/plans/2026.yaml",
        ["Campaigns__Directories"] = _dir.File("directories"),
    };

    [Fact]
    public async Task DirectoryImport_HeaderOnlyEntities_RefusedUnlessAllowEmpty()
    {
        var good = _dir.File("good.csv");
        File.WriteAllText(good, Header + "\n清河县网吧,91350100M000100Y43,葛仙庄镇1号,张三,互联网上网服务营业场所,葛仙庄镇,A,存续\n");
        var empty = _dir.File("entities.csv");
        File.WriteAllText(empty, Header + "\n");
        (await CliProcess.Run(Settings, "directory", "import", good)).ExitCode.ShouldBe(0);
        var stored = File.ReadAllBytes(_dir.File("directories", "entities.csv"));

        var refused = await CliProcess.Run(Settings, "directory", "import", empty);

        refused.ExitCode.ShouldBe(1);
        refused.ErrorLines.ShouldContain(l => l.StartsWith(empty + ":2:1: 文件只有表头") && l.Contains("--allow-empty"));
        File.ReadAllBytes(_dir.File("directories", "entities.csv")).ShouldBe(stored);
        NoStackTrace(refused);

        var allowed = await CliProcess.Run(Settings, "directory", "import", empty, "--allow-empty");
        allowed.ExitCode.ShouldBe(0, allowed.Error);
        File.ReadAllText(_dir.File("directories", "entities.csv")).ShouldBe(Header + "\n");
    }

    [Fact]
    public async Task DirectoryImport_BrokenXlsxAndNulInUscc_LocatedLineExitOne()
    {
        var xlsx = _dir.File("entities.xlsx");
        File.WriteAllBytes(xlsx, RawXlsx.Zip(RawXlsx.Parts("""<row r="1"><c r="A1" t="s"><v>0</v></c><c r="A1" t="s"><v>0</v></c></row>""")));
        var csv = _dir.File("nul.csv");
        File.WriteAllText(csv, Header + "\n清河县网吧,9135010\0M000100Y43,葛仙庄镇1号,张三,互联网上网服务营业场所,葛仙庄镇,A,存续\n");

        var broken = await CliProcess.Run(Settings, "directory", "import", xlsx);
        var nul = await CliProcess.Run(Settings, "directory", "import", csv, "--kind", "entities");

        broken.ExitCode.ShouldBe(1);
        broken.ErrorLines.ShouldContain(xlsx + ":1:1: 单元格 A1 重复出现：文件可能已损坏，请在 Excel 中重新保存");
        nul.ExitCode.ShouldBe(1);
        nul.ErrorLines.ShouldContain(csv + ":2:2: “统一社会信用代码”含有控制字符 U+0000，请删去");
        NoStackTrace(broken);
        NoStackTrace(nul);
        Directory.Exists(_dir.File("directories")).ShouldBeFalse();
    }
}
