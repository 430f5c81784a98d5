using System.Globalization;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Operations;

/// <summary>
/// What "healthy" means, in one place for `campaigns health` and GET /health (<see cref="Hosting.HealthResponse"/>). Unhealthy when any of these needs a person:
/// the database is missing, unreadable, not a campaigns store, or not at this worker's schema; a dead letter exists
/// (the outbox gave up on a message; `deliveries retry` puts it back); a pending message has been due longer than
/// HealthMaxOutboxDelay (the mail server is down or nothing dispatches); or, inside the running worker once it has
/// ticked, the last tick is older than HealthMaxTickAge (the scheduler stopped); or, on PostgreSQL, no instance of the
/// Quartz cluster has checked in lately (every worker is down, or none can reach the database); or, inside the running
/// worker, no Hangfire server is alive (nothing would run the jobs that send mail) or a Hangfire job has Failed. Overdue flags are the offices'
/// business, reported to leaders by mail, and only counted here.
/// </summary>
public static class HealthCheck
{
    // scheduler: Quartz's own health check of the running worker's scheduler, when asked from inside it.
    public static HealthReport Evaluate(
        WorkerOptions options, StoreProvider store, DateTimeOffset now, DateTimeOffset? lastTick, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport? scheduler = null,
        long? jobServers = null, long? jobsFailed = null)
    {
        var inspection = StoreInspector.Inspect(store);
        if (inspection.Facts is not { } facts)
        {
            return new HealthReport([inspection.Problem!], null, lastTick);
        }
        var problems = new List<string>();
        // Degraded (starting, or in standby) is not yet a person's business; unhealthy is: stopped, or its store unreachable.
        foreach (var (name, entry) in scheduler?.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy) ?? [])
        {
            problems.Add($"调度器异常（{name}: {entry.Description}）");
        }
        if (facts.SchemaVersion != facts.KnownSchemaVersion)
        {
            problems.Add(facts.SchemaVersion > facts.KnownSchemaVersion
                ? $"数据库结构版本 {facts.SchemaVersion} 高于本程序的 {facts.KnownSchemaVersion}，请升级程序（schema newer than this worker）"
                : $"数据库结构版本 {facts.SchemaVersion} 低于本程序的 {facts.KnownSchemaVersion}，启动 worker 即升级（schema not yet migrated; start the worker）");
        }
        if (facts.DeadLetters > 0)
        {
            problems.Add($"{facts.DeadLetters} 封邮件发送失败，用 campaigns deliveries --state dead 查看并重发（{facts.DeadLetters} dead letters）");
        }
        if (facts.DueDeliveryTimes.Count > 0 && now - facts.DueDeliveryTimes.Min() is var waiting && waiting > options.HealthMaxOutboxDelay)
        {
            problems.Add($"最早一封待发送邮件已等待 {Hours(waiting)}，邮件服务器可能不可用（mail due for {Hours(waiting)} has not left）");
        }
        if (facts.Schedulers is { } schedulers && !schedulers.Any(s => s.IsAliveAt(now)))
        {
            problems.Add($"集群中没有在运行的 worker 实例（no clustered scheduler instance has checked in; {schedulers.Count} known）");
        }
        if (jobServers == 0)
        {
            problems.Add("没有在运行的后台任务服务器，邮件不会发出（no Hangfire server is running）");
        }
        if (jobsFailed > 0)
        {
            problems.Add($"{jobsFailed} 个后台任务失败，请在 /jobs 页面查看原因并重试（{jobsFailed} failed Hangfire jobs）");
        }
        if (lastTick is { } tick && now - tick is var age && age > options.HealthMaxTickAge)
        {
            problems.Add($"上次运行在 {Hours(age)} 前，超过 {Hours(options.HealthMaxTickAge)}（last tick {Hours(age)} ago）");
        }
        return new HealthReport(problems, facts, lastTick);
    }

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
