using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Campaigns.Jobs;

/// <summary>
/// Decides and enqueues. <see cref="Enqueue"/>: when the outbox has a row due and no pass is waiting or running here,
/// enqueues an <see cref="OutboxJob"/>, or runs again at once a pass that is waiting out its retry back-off or was left
/// Failed (so a pass that keeps failing stays one job rather than a new one each sweep). It reads the ledger, not what the
/// last tick made, so a process that died between a tick's commit and its enqueue loses nothing: the next sweep (at
/// start, and every DispatchInterval) finds the rows owed. <see cref="Reconcile"/> keeps the ledger's per-message jobs and Hangfire's in step.
/// </summary>
public sealed class OutboxSweep(
    CampaignStore store, IBackgroundJobClient jobs, JobStorage storage, IDeliveryRetries retries, TimeProvider time, IOptions<WorkerOptions> options)
{
    // Hangfire's server ids are "<server name, lower case>:<process id>:<guid>".
    private readonly string _server = JobsRegistration.ServerName(options.Value) + ":";

    // How many of Hangfire's newest failed, scheduled and processing jobs are looked through for a pass.
    private const int Window = 200;

    private bool _deadLettersChecked;

    // The pass this sweep last put in line. The queue's count misses a pass that a server has just taken and not yet marked
    // Processing, and the sweep would make a second one beside it; the job's own state has no such gap.
    private volatile string? _inLine;

    public bool Enqueue()
    {
        var monitoring = storage.GetMonitoringApi();
        // One waiting pass is enough: it takes every row due when it runs. A pass running here takes the rows a tick adds
        // meanwhile in its next claim. (One running on another instance does not count: a killed instance's pass looks
        // Processing for a long while.)
        if (monitoring.EnqueuedCount(OutboxJob.Queue) > 0
            || StillInLine()
            || monitoring.ProcessingJobs(0, Window).Any(j => IsPass(j.Value.Job) && Here(j.Value.ServerId))
            || store.DueDeliveries(time.GetUtcNow(), 1).Count == 0)
        {
            return false;
        }
        // A pass that failed is run again now, not left to its back-off: the store has just answered this sweep, and what
        // stops a pass is most often the store itself (a PostgreSQL restart). Its back-off held every owed message a
        // minute or two after the store was back.
        var stopped = monitoring.ScheduledJobs(0, Window).Where(j => IsPass(j.Value.Job)).Select(j => j.Key)
            .Concat(monitoring.FailedJobs(0, Window).Where(j => IsPass(j.Value.Job)).Select(j => j.Key))
            .FirstOrDefault();
        if (stopped is not null)
        {
            jobs.Requeue(stopped);
            _inLine = stopped;
            return true;
        }
        _inLine = jobs.Enqueue<OutboxJob>(job => job.SendAsync(CancellationToken.None));
        return true;
    }

    private bool StillInLine()
    {
        if (_inLine is not { } id)
        {
            return false;
        }
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(id)?.Name;
        return state == EnqueuedState.StateName || state == ProcessingState.StateName;
    }

    /// <summary>
    /// Every dead letter has a Failed job, every row a job owns has a job that can still send it: a row that
    /// `deliveries retry` put back in line gets its Failed job requeued; a dead letter whose job is gone (the embedded
    /// store keeps jobs in memory, lost at a restart) gets a new Failed one; a pending row whose job is gone goes back to
    /// the passes. Returns how many rows it changed.
    /// </summary>
    public int Reconcile()
    {
        var changed = 0;
        using var connection = storage.GetConnection();
        // A dead letter loses its Failed job only when the in-memory job store starts afresh with the process (Hangfire
        // keeps failed jobs until deleted), so dead letters are looked through once per process, not every sweep: a year's
        // dead letters would otherwise cost a job lookup each, every minute, on every instance.
        var rows = store.DeliveryJobs(withDeadLetters: !_deadLettersChecked);
        _deadLettersChecked = true;
        foreach (var row in rows)
        {
            var state = StateOfItsJob(connection, row);
            if (row.State == "dead" && state is null)
            {
                store.SetDeliveryJob(row.Id, retries.Take(row.Id, row.LastError ?? "dead letter", dead: true));
            }
            else if (row.State == "pending" && state == FailedState.StateName)
            {
                // A fresh count of Hangfire's retries, as the row has a fresh count of attempts.
                connection.SetJobParameter(row.JobId!, "RetryCount", "0");
                jobs.Requeue(row.JobId!);
            }
            else if (row.State == "pending" && (state is null || state == SucceededState.StateName || state == DeletedState.StateName))
            {
                store.SetDeliveryJob(row.Id, null);
            }
            else
            {
                continue;
            }
            changed++;
        }
        return changed;
    }

    /// <summary>
    /// The state of the row's job, or null when there is none: also when the id now names another job (the in-memory store
    /// numbers its jobs from 1 again after a restart, so an old id can point at a new, unrelated job).
    /// </summary>
    private static string? StateOfItsJob(Hangfire.Storage.IStorageConnection connection, DeliveryJobLink row)
    {
        var data = row.JobId is null ? null : connection.GetJobData(row.JobId);
        return data?.Job is { } job && job.Type == typeof(DeliveryJob) && job.Args.Count > 0 && job.Args[0] is long id && id == row.Id ? data.State : null;
    }

    private bool Here(string? serverId) => serverId?.StartsWith(_server, StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsPass(Hangfire.Common.Job? job) => job?.Type == typeof(OutboxJob);
}
