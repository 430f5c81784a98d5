using Campaigns.Engine;
using Campaigns.Jobs;
using Quartz;

namespace Campaigns.Host;

/// <summary>
/// One reconciliation of every plan, then a Hangfire pass over the outbox enqueued, so owed mail leaves at once, and the
/// bundles of campaigns the tick archived.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TickJob(TickService ticks, OutboxSweep sweep, ArchiveSweep archives) : IJob
{
    public static readonly JobKey Key = new("tick", "campaigns");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ticks.Tick();
        sweep.Enqueue();
        archives.Enqueue();
        return ValueTask.CompletedTask;
    }
}
