using System.Diagnostics;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Campaigns.Tests.Cli;

/// <summary>
/// Personal data at rest is owner-only (files 0600, folders 0700) however permissive the umask: every command here runs
/// under `umask 022`, the default that made them 644/755.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OwnerOnlyCliTests : IDisposable
{
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder700 = File600 | UnixFileMode.UserExecute;

    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    /// <summary>The worker binary (or, with <paramref name="script"/>, an ops script) under umask 022, from the repository root.</summary>
    private static async Task<CliProcess.Result> Umask022(IReadOnlyDictionary<string, string>? environment, string? script, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("umask 022 && exec \"$@\"");
        start.ArgumentList.Add("bash");
        if (script is null)
        {
            start.ArgumentList.Add("dotnet");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "campaigns.dll"));
        }
        else
        {
            start.ArgumentList.Add(Repository.Path("ops", script));
        }
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliProcess.Result(process.ExitCode, await output, await error);
    }

    private static void ShouldBeOwnerOnly(string root)
    {
        File.GetUnixFileMode(root).ShouldBe(Folder700, root);
        foreach (var folder in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
        {
            File.GetUnixFileMode(folder).ShouldBe(Folder700, folder);
        }
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            File.GetUnixFileMode(file).ShouldBe(File600, file);
        }
    }

    /// <summary>The draw day of the sample plan into sim/, as the store the other commands read.</summary>
    private async Task SimulateDrawDay()
    {
        var simulate = await Umask022(null, null, "simulate", "--plan", "config/plans/2026.yaml", "--directory", "config/directories",
            "--from", "2026-04-13", "--to", "2026-04-14", "--out", _dir.File("sim"), "--results", "missing");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
    }

    [Fact]
    public async Task Simulate_Umask022_StoreMailDocumentsSnapshotsAndArchivesOwnerOnly()
    {
        var output = _dir.File("data", "run");

        var simulate = await Umask022(null, null, "simulate", "--plan", "config/plans/2026.yaml", "--directory", "config/directories",
            "--from", "2026-01-01", "--to", "2026-12-31", "--out", output, "--results", "on-time");

        simulate.ExitCode.ShouldBe(0, simulate.Error);
        Directory.GetFiles(Path.Combine(output, "mail"), "*.eml").ShouldNotBeEmpty();
        Directory.GetFiles(Path.Combine(output, "documents"), "entities.csv", SearchOption.AllDirectories).ShouldNotBeEmpty("the draw's directory snapshot");
        Directory.GetFiles(Path.Combine(output, "archive"), "*.zip").ShouldNotBeEmpty();
        ShouldBeOwnerOnly(_dir.File("data"));
    }

    [Fact]
    public async Task BackupRestoreAndTemplate_Umask022_EveryFileTheyWriteOwnerOnly()
    {
        await SimulateDrawDay();
        var source = new Dictionary<string, string> { ["Campaigns__Database"] = _dir.File("sim", "campaigns.db"), ["Campaigns__Plans"] = "config/plans/2026.yaml" };
        var live = new Dictionary<string, string> { ["Campaigns__Database"] = _dir.File("live", "db", "campaigns.db"), ["Campaigns__Plans"] = "config/plans/2026.yaml" };

        var backup = await Umask022(source, null, "backup", "--out", _dir.File("backups", "nightly", "campaigns.db"));
        var first = await Umask022(live, null, "restore", "--from", _dir.File("backups", "nightly", "campaigns.db"));
        var second = await Umask022(live, null, "restore", "--from", _dir.File("backups", "nightly", "campaigns.db"));
        var template = await Umask022(source, null, "results", "template", "--campaign", "qh-2026-netcafe", "--out", _dir.File("sheets", "netcafe.csv"));
        var directories = new Dictionary<string, string>(source) { ["Campaigns__Directories"] = _dir.File("directories") };
        var import = await Umask022(directories, null, "directory", "import", Repository.Path("config", "directories", "inspectors.csv"));

        backup.ExitCode.ShouldBe(0, backup.Error);
        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        template.ExitCode.ShouldBe(0, template.Error);
        import.ExitCode.ShouldBe(0, import.Error);
        Directory.GetFiles(_dir.File("live", "db"), "campaigns.db.before-restore-*").Length.ShouldBe(1, "the first restore went into an empty place");
        ShouldBeOwnerOnly(_dir.File("backups"));
        ShouldBeOwnerOnly(_dir.File("live"));
        ShouldBeOwnerOnly(_dir.File("sheets"));
        ShouldBeOwnerOnly(_dir.File("directories"));
        ShouldBeOwnerOnly(_dir.File("sim"));
    }

    [Fact]
    public async Task OpsBackup_Umask022_FolderAndCopyOwnerOnly()
    {
        await SimulateDrawDay();
        // ops/backup runs the installed binary; here a two-line stand-in for it.
        var binary = _dir.File("campaigns");
        File.WriteAllText(binary, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "campaigns.dll")}' \"$@\"\n");
        File.SetUnixFileMode(binary, Folder700);
        var environment = new Dictionary<string, string> { ["CAMPAIGNS"] = binary, ["Campaigns__Database"] = _dir.File("sim", "campaigns.db") };

        var result = await Umask022(environment, "backup", _dir.File("var", "backups", "campaigns"));

        result.ExitCode.ShouldBe(0, result.Error);
        Directory.GetFiles(_dir.File("var", "backups", "campaigns"), "campaigns-*.db").ShouldHaveSingleItem();
        ShouldBeOwnerOnly(_dir.File("var"));
    }
}
