using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Campaigns.Hosting;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Hosting;

/// <summary>`run` exits 0 only on a stop signal, so systemd's Restart=on-failure brings back a worker that stopped on its own.</summary>
public class WorkerExitTests : IDisposable
{
    private readonly WorkerHttpHost _worker = new();
    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        _worker.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class FaultingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            throw new InvalidOperationException("a background service faulted (injected by the test)");
        }
    }

    [Fact]
    public async Task RunAsync_ABackgroundServiceFaults_StopsAndExitsNonZero()
    {
        using var host = _worker.Build(services: s => s.AddHostedService<FaultingService>());

        var code = await WorkerExit.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        code.ShouldBe(WorkerExit.Failed);
    }

    [Fact]
    public async Task RunAsync_StoppedFromInsideWithoutASignal_ExitsNonZero()
    {
        using var host = _worker.Build();
        var run = WorkerExit.RunAsync(host, CancellationToken.None);
        await HostTicks.WaitFor(host);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        (await run.WaitAsync(TimeSpan.FromMinutes(1))).ShouldBe(WorkerExit.Failed);
    }

    [Fact]
    public async Task RunAsync_CancelledByTheCaller_ExitsZero()
    {
        using var host = _worker.Build();
        using var stop = new CancellationTokenSource();
        var run = WorkerExit.RunAsync(host, stop.Token);
        await HostTicks.WaitFor(host);

        await stop.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromMinutes(1))).ShouldBe(WorkerExit.Stopped);
    }

    [Fact]
    public async Task Run_RealProcessPostHealthThenSigterm_StillServingThenExitsZero()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "campaigns.dll"));
        start.ArgumentList.Add("run");
        start.Environment["Campaigns__Plans"] = Repository.Path("config", "plans", "2026.yaml");
        start.Environment["Campaigns__Database"] = _dir.File("campaigns.db");
        start.Environment["Campaigns__Documents"] = _dir.File("documents");
        start.Environment["Campaigns__MailPickup"] = _dir.File("mail");
        start.Environment["Campaigns__HttpPort"] = port.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        try
        {
            await Answering(http);
            (await http.PostAsync("health", null)).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
            (await http.GetAsync("health")).StatusCode.ShouldBe(HttpStatusCode.OK, "the POST that stopped the old endpoint stops nothing");
            process.HasExited.ShouldBeFalse();

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.ShouldBe(WorkerExit.Stopped);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task Answering(HttpClient http)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(250))
        {
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the worker never answered /health");
            try
            {
                if ((await http.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
