using Campaigns.Storage;
using Hangfire;

namespace Campaigns.Jobs;

/// <summary>
/// Decides and enqueues: when the outbox has a row due and no pass is already waiting in the queue, enqueues an
/// <see cref="OutboxJob"/>. It reads the ledger, not what the last tick made, so a process that died between a tick's
/// commit and its enqueue loses nothing: the next sweep (at start, and every DispatchInterval) finds the rows owed.
/// </summary>
public sealed class OutboxSweep(CampaignStore store, IBackgroundJobClient jobs, JobStorage storage, TimeProvider time)
{
    public bool Enqueue()
    {
        // One waiting pass is enough: it takes every row due when it runs, and a second would only wait behind it.
        if (storage.GetMonitoringApi().EnqueuedCount(OutboxJob.Queue) > 0 || store.DueDeliveries(time.GetUtcNow(), 1).Count == 0)
        {
            return false;
        }
        jobs.Enqueue<OutboxJob>(job => job.SendAsync(CancellationToken.None));
        return true;
    }
}
