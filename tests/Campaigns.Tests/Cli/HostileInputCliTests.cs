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
        File.WriteAllText(path, Sample.Replace("  result_entry_working_days: 20\n", "  result_entry_working_days: 2147483647\n"));

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
}
