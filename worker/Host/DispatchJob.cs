using Campaigns.Engine;
using Quartz;

namespace Campaigns.Host;

/// <summary>
/// Retries pending deliveries between ticks (back-off makes most passes cheap no-ops). Not [DisallowConcurrentExecution]:
/// in a cluster a pass still running when the next fires on another instance is how instances share a backlog, their
/// claims skipping each other's rows; within one process the dispatcher runs one pass at a time itself.
/// </summary>
public sealed class DispatchJob(OutboxDispatcher outbox) : IJob
{
    public static readonly JobKey Key = new("dispatch", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await outbox.DispatchAsync(cancellationToken);
}
