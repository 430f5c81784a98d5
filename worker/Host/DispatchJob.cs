using Campaigns.Engine;
using Quartz;

namespace Campaigns.Host;

/// <summary>Retries pending deliveries between ticks (back-off makes most passes cheap no-ops).</summary>
[DisallowConcurrentExecution]
public sealed class DispatchJob(OutboxDispatcher outbox) : IJob
{
    public static readonly JobKey Key = new("dispatch", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await outbox.DispatchAsync(cancellationToken);
}
