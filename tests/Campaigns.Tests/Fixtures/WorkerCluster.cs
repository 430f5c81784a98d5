using System.Diagnostics;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// Several `campaigns run` processes (the built worker, as <see cref="CliProcess"/> launches it) sharing one environment,
/// each named by Campaigns__Instance. A test kills one as the kernel would (SIGKILL), stops them as systemd would
/// (SIGTERM, the host's graceful stop), and starts one again under the same name.
/// </summary>
public sealed class WorkerCluster(IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private const int LogLines = 400;
    private readonly Dictionary<string, Process> _running = [];
    private readonly Queue<string> _log = new();

    /// <summary>Processes that ended without the test ending them: (instance, exit code).</summary>
    public List<(string Instance, int ExitCode)> Crashes { get; } = [];

    public int Starts { get; private set; }

    /// <summary>Lines the workers logged at error level or above ("fail:", "crit:"): evidence a fault reached them.</summary>
    public int ErrorLines { get; private set; }

    /// <summary>The first error lines, for the report.</summary>
    public List<string> FirstErrors { get; } = [];

    public IReadOnlyCollection<string> Instances => _running.Keys;

    /// <summary>Starts the instance with these settings on top of the shared ones (a drain run's own clock).</summary>
    public void Start(string instance, IReadOnlyDictionary<string, string>? overrides = null)
    {
        if (_running.ContainsKey(instance))
        {
            throw new InvalidOperationException($"{instance} is already running.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "campaigns.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in environment.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }
        start.Environment["Campaigns__Instance"] = instance;
        // Several instances on one machine: each HTTP host takes a free port.
        start.Environment.TryAdd("Campaigns__HttpPort", "0");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{instance} did not start.");
        // Drained so a full pipe never blocks a worker; the tail is kept for a failing test's message.
        process.OutputDataReceived += (_, e) => Note(instance, e.Data);
        process.ErrorDataReceived += (_, e) => Note(instance, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _running[instance] = process;
        Starts++;
    }

    /// <summary>kill -9: no shutdown code runs; its connections drop, which releases its row claims and locks.</summary>
    public void Kill(string instance)
    {
        var process = Take(instance);
        if (!process.HasExited)
        {
            process.Kill();
        }
        process.WaitForExit();
        process.Dispose();
    }

    /// <summary>SIGTERM to every instance at once (the host stops Quartz, waiting for running jobs), then waits for each.</summary>
    public void StopAll()
    {
        var stopping = _running.Keys.ToList().Select(i => (Instance: i, Process: Take(i))).ToList();
        foreach (var (_, process) in stopping.Where(p => !p.Process.HasExited))
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
        foreach (var (instance, process) in stopping)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                Note(instance, "did not stop within 30 s of SIGTERM; killed");
                process.Kill();
                process.WaitForExit();
            }
            process.Dispose();
        }
    }

    /// <summary>Starts again, under the same name, each instance that ended on its own; returns how many.</summary>
    public int RestartCrashed()
    {
        var crashed = _running.Where(r => r.Value.HasExited).Select(r => r.Key).ToList();
        foreach (var instance in crashed)
        {
            var process = Take(instance);
            Crashes.Add((instance, process.ExitCode));
            process.Dispose();
            Start(instance);
        }
        return crashed.Count;
    }

    /// <summary>The last lines the workers printed, each prefixed with its instance.</summary>
    public string Tail()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
    }

    public void Dispose()
    {
        foreach (var instance in _running.Keys.ToList())
        {
            Kill(instance);
        }
    }

    private Process Take(string instance)
    {
        var process = _running[instance];
        _running.Remove(instance);
        return process;
    }

    private void Note(string instance, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal))
            {
                ErrorLines++;
                if (FirstErrors.Count < 20)
                {
                    FirstErrors.Add($"{instance}: {line[..Math.Min(line.Length, 240)]}");
                }
            }
            _log.Enqueue($"{instance}: {line}");
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }
    }
}
