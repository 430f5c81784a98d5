using System.Diagnostics;

namespace Campaigns.Tests.Fixtures;

/// <summary>Runs the real worker binary as an admin would, from the repository root, and captures what it prints.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "campaigns.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> Run(params string[] args) => Run(null, args);

    /// <summary>`simulate` of the sample plan and directories from <paramref name="from"/> to <paramref name="to"/> into <paramref name="output"/>.</summary>
    public static Task<Result> SimulateSample(string from, string to, string output, params string[] more) =>
        Run(["simulate", "--plan", "config/plans/2026.yaml", "--directory", "config/directories", "--from", from, "--to", to, "--out", output, .. more]);
}
