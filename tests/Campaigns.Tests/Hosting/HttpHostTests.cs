using System.Net;
using System.Net.Sockets;
using System.Text;
using Campaigns.Tests.Fixtures;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Hosting;

/// <summary>The worker's Kestrel host: no request, however malformed or abandoned, stops the worker.</summary>
public class HttpHostTests : IDisposable
{
    private readonly WorkerHttpHost _worker = new();

    public void Dispose()
    {
        _worker.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Requests_WrongMethodsResetsHalfOpenAndAThousand_WorkerStillTicksAndAnswers()
    {
        using var host = _worker.Build(new Dictionary<string, string?> { ["Campaigns:TickInterval"] = "00:00:01" });
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        using var http = HostHttp.Client(host);
        var endpoint = new IPEndPoint(IPAddress.Loopback, HostHttp.BaseAddress(host).Port);

        // What brought the HttpListener endpoint down: a POST, and any other method, on every path.
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var path in new[] { "health", "metrics" })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, path));
                response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, $"{method} /{path}");
            }
        }
        // Connections held open with half a request (Kestrel's header timeout ends them, nothing waits on them).
        var halfOpen = new List<TcpClient>();
        for (var i = 0; i < 20; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(endpoint);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: x\r\n"));
            halfOpen.Add(client);
        }
        // Resets: mid-request, and right after a whole request before the answer is read.
        for (var i = 0; i < 50; i++)
        {
            using var client = new TcpClient { LingerState = new LingerOption(true, 0) };
            await client.ConnectAsync(endpoint);
            var request = i % 2 == 0 ? "GET /metrics HTTP/1.1\r\nHo" : "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request));
            client.Close();
        }
        // Garbage instead of HTTP.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endpoint);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("\u0001\u0002 NOT HTTP\r\n\r\n"));
            var answer = new byte[64];
            var read = await stream.ReadAsync(answer);
            Encoding.ASCII.GetString(answer, 0, read).ShouldStartWith("HTTP/1.1 400");
        }
        // A thousand requests, eight at a time.
        var codes = new List<HttpStatusCode>();
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var response = await http.GetAsync(i % 2 == 0 ? "health" : "metrics", cancellationToken);
            lock (codes)
            {
                codes.Add(response.StatusCode);
            }
        });
        codes.Count(c => c == HttpStatusCode.OK).ShouldBe(1000);

        var ticks = host.Services.GetRequiredService<Campaigns.Engine.TickService>().Completed;
        await HostTicks.WaitFor(host, ticks + 2);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested.ShouldBeFalse();
        (await http.GetAsync("health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        halfOpen.ForEach(c => c.Dispose());
        await host.StopAsync();
    }

    [Fact]
    public async Task Metrics_AfterATick_PrometheusTextWithTheMeterAndHangfireQueues()
    {
        // By July the sample plan has sent mail and raised overdue flags.
        _worker.Clock.Set(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        using var host = _worker.Build();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        using var http = HostHttp.Client(host);

        using var response = await http.GetAsync("metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        lines.ShouldContain("# TYPE campaigns_ticks_completed_total counter");
        lines.ShouldContain("campaigns_ticks_completed_total 1");
        lines.ShouldContain("campaigns_deliveries_dead 0");
        lines.ShouldContain(l => l.StartsWith("campaigns_deliveries_sent_total ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("campaigns_flags_active{kind=", StringComparison.Ordinal));
        lines.ShouldContain("hangfire_queue_length{queue=\"default\"} 0");
        lines.ShouldContain("hangfire_servers 1");
        await host.StopAsync();
    }

    [Fact]
    public async Task Health_AFailedJob_503AndCountedInMetrics()
    {
        using var host = _worker.Build();
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        using var http = HostHttp.Client(host);
        (await http.GetAsync("health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<FailingJob>(job => job.Run());
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var waited = TimeSpan.Zero; monitoring.FailedCount() == 0; waited += TimeSpan.FromMilliseconds(100))
        {
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the job never failed");
            await Task.Delay(100);
        }

        using var health = await http.GetAsync("health");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).ShouldContain("1 failed Hangfire jobs");
        (await http.GetStringAsync("metrics")).Split('\n').ShouldContain("hangfire_jobs{state=\"failed\"} 1");
        await host.StopAsync();
    }
}
