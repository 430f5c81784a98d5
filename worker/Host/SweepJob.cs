using Campaigns.Jobs;
using Quartz;

namespace Campaigns.Host;

/// <summary>
/// Every DispatchInterval (and at start): brings the per-message jobs in step with the ledger, then enqueues a Hangfire pass
/// over the outbox when rows are due (<see cref="OutboxSweep"/>), and a bundle job for each archived campaign owed its
/// bundle (<see cref="ArchiveSweep"/>).
/// Quartz only decides; Hangfire sends. One instance of the cluster at a time is enough.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SweepJob(OutboxSweep sweep, ArchiveSweep archives) : IJob
{
    public static readonly JobKey Key = new("sweep", "campaigns");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        sweep.Reconcile();
        sweep.Enqueue();
        archives.Enqueue();
        return ValueTask.CompletedTask;
    }
}
