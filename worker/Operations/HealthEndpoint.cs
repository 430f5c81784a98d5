using Campaigns.Storage;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Host;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Operations;

/// <summary>
/// GET /health on 127.0.0.1:HealthPort while the worker runs: 200 when healthy, 503 when not, with a small JSON body.
/// Loopback only: a monitoring agent on the machine (or an SSH tunnel) asks; nothing is exposed to the network.
/// </summary>
public sealed class HealthEndpoint(
    IOptions<WorkerOptions> options, CampaignMetrics metrics, StoreProvider store, TimeProvider time, IServiceProvider services, ILogger<HealthEndpoint> logger)
    : BackgroundService
{
    // Chinese as UTF-8, not \u escapes: an admin reads the summary with curl.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prefix = $"http://127.0.0.1:{options.Value.HealthPort}/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        logger.LogInformation("Health endpoint listening on {Prefix}health", prefix);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await Answer(context);
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath != "/health")
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }
        var report = HealthCheck.Evaluate(options.Value, store, time.GetUtcNow(), metrics.LastTick,
            services.GetService<HealthCheckService>() is { } checks ? await checks.CheckHealthAsync() : null);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = report.Healthy ? "healthy" : "unhealthy",
            summary = report.Summary,
            problems = report.Problems,
            schemaVersion = report.Facts?.SchemaVersion,
            lastTick = report.LastTick,
            pendingDeliveries = report.Facts?.PendingDeliveries,
            deadLetters = report.Facts?.DeadLetters,
            activeFlags = report.Facts?.ActiveFlagCount,
        }, Json);
        response.StatusCode = report.Healthy ? (int)HttpStatusCode.OK : (int)HttpStatusCode.ServiceUnavailable;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }
}
