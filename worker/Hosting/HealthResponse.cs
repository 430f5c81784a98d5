using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Storage;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Campaigns.Hosting;

/// <summary>
/// GET /health: 200 when healthy, 503 when not, with a small JSON body. Liveness and readiness in one: the store at this
/// worker's schema, the Quartz scheduler and (PostgreSQL) the cluster's check-ins, a live Hangfire server and no Failed job, the outbox's
/// backlog and dead letters, the last tick's age (<see cref="HealthCheck"/>).
/// </summary>
public static class HealthResponse
{
    // Chinese as UTF-8, not \u escapes: an admin reads the summary with curl.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IResult> Answer(
        IOptions<WorkerOptions> options, CampaignMetrics metrics, StoreProvider store, TimeProvider time, JobStorage jobs, IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var scheduler = services.GetService<HealthCheckService>() is { } checks ? await checks.CheckHealthAsync(cancellationToken) : null;
        var statistics = jobs.GetMonitoringApi().GetStatistics();
        var report = HealthCheck.Evaluate(options.Value, store, time.GetUtcNow(), metrics.LastTick, scheduler, statistics.Servers, statistics.Failed);
        var body = new
        {
            status = report.Healthy ? "healthy" : "unhealthy",
            summary = report.Summary,
            problems = report.Problems,
            schemaVersion = report.Facts?.SchemaVersion,
            lastTick = report.LastTick,
            pendingDeliveries = report.Facts?.PendingDeliveries,
            deadLetters = report.Facts?.DeadLetters,
            activeFlags = report.Facts?.ActiveFlagCount,
            jobServers = statistics.Servers,
            jobsEnqueued = statistics.Enqueued,
            jobsFailed = statistics.Failed,
        };
        return Results.Json(body, Json, "application/json; charset=utf-8", report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
