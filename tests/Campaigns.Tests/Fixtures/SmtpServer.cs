using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A real SMTP server (<c>ops/smtp-server</c>, Debian's python3-aiosmtpd) on a free loopback port, writing each
/// message it accepts into its own temp folder. <see cref="Stop"/> and <see cref="Restart"/> keep the port and the
/// folder, so a test can take the server away and bring it back with <see cref="Restart"/>. A server that cannot start fails the test, naming
/// the install step: these tests never skip.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _dir = new();
    private readonly string[] _rejected;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    private SmtpServer(int port, string[] rejected, IReadOnlyList<string> arguments)
    {
        Port = port;
        _rejected = rejected;
        _arguments = arguments;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Where the server writes NNNNNN.eml, in arrival order.</summary>
    public string Folder => _dir.Path;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server that answers 550 to RCPT TO for each of <paramref name="rejectedRecipients"/>.</summary>
    public static SmtpServer Start(params string[] rejectedRecipients) => StartWith([], rejectedRecipients);

    /// <summary>Starts a server with more of ops/smtp_server.py's options (--tls-cert, --tls-key, --implicit-tls, --auth).</summary>
    public static SmtpServer StartWith(IReadOnlyList<string> arguments, params string[] rejectedRecipients)
    {
        var server = new SmtpServer(FreePort(), rejectedRecipients, arguments);
        try
        {
            server.Launch();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the stopped server again, on the same port and into the same folder.</summary>
    public void Restart() => Launch();

    private void Launch()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The SMTP test server is already running.");
        }
        var info = new ProcessStartInfo(Repository.Path("ops", "smtp-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Folder })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var address in _rejected)
        {
            info.ArgumentList.Add("--reject");
            info.ArgumentList.Add(address);
        }
        lock (_stderr)
        {
            _stderr.Clear();
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("ops/smtp-server did not start.");
        // aiosmtpd logs to stderr; drain it so a full pipe never blocks the server.
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(StartTimeout) || ready.Result != $"ready {Port}")
        {
            if (ready.IsCompleted)
            {
                // Its output closed: it is exiting; wait so the exit code and the last stderr line are in.
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            var exited = process.HasExited ? $"exit {process.ExitCode}" : "no answer";
            Kill(process);
            string error;
            lock (_stderr)
            {
                error = _stderr.ToString().Trim();
            }
            throw new InvalidOperationException(
                $"The SMTP test server did not start on {Host}:{Port} ({exited}): {error}\n"
                + "It needs Debian's python3-aiosmtpd: run `ops/smtp-server install` as root (ops/test does this before the tests).");
        }
        _process = process;
    }

    /// <summary>Kills the server at once, as an outage would; connections are refused until <see cref="Restart"/>.</summary>
    public void Stop()
    {
        if (_process is not null)
        {
            Kill(_process);
            _process = null;
        }
    }

    /// <summary>Every message received so far, in arrival order, as the bytes that came over the wire.</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => ReceivedMail.Parse(File.ReadAllBytes(f)))];

    /// <summary>For each message received, in arrival order, the client's address and port: one port per SMTP connection.</summary>
    public IReadOnlyList<string> Peers() =>
        [.. Directory.GetFiles(Folder, "*.peer").Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f).Trim())];

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
