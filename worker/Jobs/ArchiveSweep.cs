using Campaigns.Host;
using Campaigns.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Campaigns.Jobs;

/// <summary>
/// Decides and enqueues archive work: an <see cref="ArchiveJob"/> for every archived campaign the ledger says is owed a
/// bundle, unless one is waiting, retrying or running here for it (a Failed one is requeued rather than joined by a new
/// one). It reads the ledger, not what the last tick did, so a process that died between the tick's commit and this
/// enqueue loses nothing: the sweep at the next start, or within DispatchInterval, finds the campaign owed.
/// </summary>
public sealed class ArchiveSweep(CampaignStore store, IBackgroundJobClient jobs, JobStorage storage, IOptions<WorkerOptions> options)
{
    // Hangfire's server ids are "<server name, lower case>:<process id>:<guid>".
    private readonly string _server = JobsRegistration.ServerName(options.Value) + ":";

    // How many of Hangfire's newest jobs in each state are looked through.
    private const int Window = 200;

    /// <summary>Returns how many campaigns got a job (new or requeued).</summary>
    public int Enqueue()
    {
        var owed = store.ArchivesOwed();
        if (owed.Count == 0)
        {
            return 0;
        }
        var monitoring = storage.GetMonitoringApi();
        var inHand = new HashSet<string>(StringComparer.Ordinal);
        inHand.UnionWith(Campaigns(monitoring.EnqueuedJobs(ArchiveJob.Queue, 0, Window).Select(j => j.Value.Job)));
        inHand.UnionWith(Campaigns(monitoring.ScheduledJobs(0, Window).Select(j => j.Value.Job)));
        // One running on another instance does not count: a killed instance's job looks Processing for a long while, and
        // a second job files nothing twice.
        inHand.UnionWith(Campaigns(monitoring.ProcessingJobs(0, Window).Where(j => Here(j.Value.ServerId)).Select(j => j.Value.Job)));
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, job) in monitoring.FailedJobs(0, Window))
        {
            if (CampaignOf(job.Job) is { } campaign)
            {
                failed.TryAdd(campaign, id);
            }
        }
        var enqueued = 0;
        foreach (var campaign in owed.Where(c => !inHand.Contains(c)))
        {
            if (failed.TryGetValue(campaign, out var jobId))
            {
                jobs.Requeue(jobId);
            }
            else
            {
                jobs.Enqueue<ArchiveJob>(job => job.File(campaign));
            }
            enqueued++;
        }
        return enqueued;
    }

    private static IEnumerable<string> Campaigns(IEnumerable<Hangfire.Common.Job?> jobs) => jobs.Select(CampaignOf).OfType<string>();

    private static string? CampaignOf(Hangfire.Common.Job? job) =>
        job?.Type == typeof(ArchiveJob) && job.Args.Count > 0 && job.Args[0] is string campaign ? campaign : null;

    private bool Here(string? serverId) => serverId?.StartsWith(_server, StringComparison.OrdinalIgnoreCase) == true;
}
