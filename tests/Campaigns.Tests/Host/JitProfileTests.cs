using Campaigns.Host;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Host;

public class JitProfileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Folder_PrefersSystemdsCacheDirectory_ThenXdg_ThenHome()
    {
        Assert.Equal("/var/cache/campaigns", JitProfile.Folder(Environment(("CACHE_DIRECTORY", "/var/cache/campaigns:/var/cache/other"), ("HOME", "/home/a"))));
        Assert.Equal("/x/campaigns", JitProfile.Folder(Environment(("XDG_CACHE_HOME", "/x"), ("HOME", "/home/a"))));
        Assert.Equal("/home/a/.cache/campaigns", JitProfile.Folder(Environment(("HOME", "/home/a"))));
    }

    [Fact]
    public void Folder_NoneKnownOrRelative_IsNone()
    {
        Assert.Null(JitProfile.Folder(Environment()));
        Assert.Null(JitProfile.Folder(Environment(("CACHE_DIRECTORY", "cache"), ("XDG_CACHE_HOME", "x"), ("HOME", ""))));
    }

    [Fact]
    public void Name_IsTheCommand_RunWithout_AndNothingForAnythingElse()
    {
        string[] commands = ["simulate", "validate"];
        Assert.Equal("simulate", JitProfile.Name(["simulate", "--plan", "p"], commands));
        Assert.Equal("run", JitProfile.Name([], commands));
        Assert.Null(JitProfile.Name(["--help"], commands));
        Assert.Null(JitProfile.Name(["../../etc/passwd"], commands));
        Assert.Null(JitProfile.Name(["simulat"], commands));
    }

    [Fact]
    public async Task Cli_RecordsAProfilePerCommand_InAnOwnerOnlyFolder()
    {
        var cache = _dir.File("cache");
        var first = await CliProcess.Run(new Dictionary<string, string> { ["CACHE_DIRECTORY"] = cache }, "validate", "config/plans/2026.yaml");
        Assert.Equal(0, first.ExitCode);
        Assert.True(new FileInfo(Path.Combine(cache, "validate.jitprofile")).Length > 0);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cache));
        }
        // Played back by the next run, which ends as the first did.
        var second = await CliProcess.Run(new Dictionary<string, string> { ["CACHE_DIRECTORY"] = cache }, "validate", "config/plans/2026.yaml");
        Assert.Equal(first.ExitCode, second.ExitCode);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task Cli_WhileAnotherProcessHoldsTheProfile_RunsWithoutOne()
    {
        var cache = _dir.File("cache");
        Directory.CreateDirectory(cache);
        using (new FileStream(Path.Combine(cache, "validate.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var result = await CliProcess.Run(new Dictionary<string, string> { ["CACHE_DIRECTORY"] = cache }, "validate", "config/plans/2026.yaml");
            Assert.Equal(0, result.ExitCode);
        }
        Assert.False(File.Exists(Path.Combine(cache, "validate.jitprofile")));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
