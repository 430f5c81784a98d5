using Campaigns.Archive;
using Hangfire;

namespace Campaigns.Jobs;

/// <summary>
/// Builds and files one archived campaign's bundle (立卷归档) into the archive folder beside the documents. The store
/// decides whether it is owed (<see cref="ArchiveFiler"/>), and the check and the filing are one step in the store, so
/// a job that runs twice, or two at once, files one bundle. A job that throws (the disk full, the store away) is retried
/// with Hangfire's back-off and then stays Failed on the dashboard, where the sweep requeues it while the bundle is owed.
/// </summary>
public sealed class ArchiveJob(ArchiveFiler filer)
{
    public const string Queue = "archive";

    public const string Actor = "hangfire:archive";

    /// <summary>What the dashboard shows as the job's result: the bundle filed, or that nothing was owed.</summary>
    [Queue(Queue)]
    [JobDisplayName("archive {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 120])]
    public string File(string campaignId) => filer.FileOwed(campaignId, Actor) is { } filed
        ? $"filed {System.IO.Path.GetFileName(filed.Path)} (audit seq {filed.Seq}, manifest {filed.Bundle.ManifestSha256})"
        : "nothing owed: not archived, or its bundle is filed";
}
