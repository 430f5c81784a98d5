using Campaigns.Engine;
using Hangfire;

namespace Campaigns.Jobs;

/// <summary>
/// The Hangfire job that sends what the outbox owes: one pass of <see cref="OutboxDispatcher"/>, a batch of every row due
/// when it runs (not a job per message: Hangfire.PostgreSql runs about a hundred jobs a second on a small machine). It
/// takes no arguments, since the store's outbox names the work; a pass that runs twice sends nothing twice (rows are
/// claimed and marked one by one). A pass that throws is retried by Hangfire with its back-off and then left Failed,
/// visible on the dashboard.
/// </summary>
public sealed class OutboxJob(OutboxDispatcher outbox)
{
    public const string Queue = "outbox";

    /// <summary>Returns how many messages left, which the dashboard shows as the job's result.</summary>
    [Queue(Queue)]
    // A pass fails only when the store or a bug stops it (a message's own refusal is the dispatcher's business): three
    // retries over about three minutes, then Failed on the dashboard. The sweep runs a waiting retry at once whenever
    // the store answers it and rows are owed (OutboxSweep.Enqueue).
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 120])]
    public Task<int> SendAsync(CancellationToken cancellationToken) => outbox.DispatchAsync(cancellationToken);
}
