using Campaigns.Engine;
using Quartz;

namespace Campaigns.Host;

/// <summary>One reconciliation of every plan, then a delivery pass so owed mail leaves at once.</summary>
[DisallowConcurrentExecution]
public sealed class TickJob(TickService ticks, OutboxDispatcher outbox) : IJob
{
    public static readonly JobKey Key = new("tick", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ticks.Tick();
        await outbox.DispatchAsync(cancellationToken);
    }
}
