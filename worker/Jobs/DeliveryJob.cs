using Campaigns.Engine;
using Campaigns.Mail;
using Campaigns.Storage;
using Hangfire;
using Hangfire.Server;

namespace Campaigns.Jobs;

/// <summary>
/// One outbox row that failed on its own in a pass, owned by this job from then on (its id is on the row): Hangfire
/// retries it with its back-off (1, 2, 4, … minutes, then daily), and once the row's attempts reach MaxDeliveryAttempts, or
/// the failure is one retrying cannot help, the job ends Failed: that is the dead letter, on the dashboard and in
/// `deliveries` alike. Requeued (from the dashboard, or by the sweep after `deliveries retry`), a dead row gets a fresh
/// count of attempts and goes again. A server outage charges nothing: the row goes back to the passes, which wait for the server.
/// </summary>
public sealed class DeliveryJob(OutboxDispatcher outbox, CampaignStore store, TimeProvider time)
{
    public const string Queue = "delivery";

    // More than the validator lets MaxDeliveryAttempts reach: the row's attempts decide when a message is dead, this only
    // keeps Hangfire from ending a job first.
    public const int RetryCeiling = 24;

    /// <summary>The wait before the first retry (the job is scheduled this long after the pass's failure).</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    [Queue(Queue)]
    [JobDisplayName("deliveries #{0}")]
    // Doubling from a minute, then daily, so a long outage of one mailbox still retries every day.
    [AutomaticRetry(Attempts = RetryCeiling, ExceptOn = [typeof(DeadLetterException)], DelaysInSeconds =
        [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 86400])]
    public async Task<string> SendAsync(long deliveryId, PerformContext? context, CancellationToken cancellationToken)
    {
        var jobId = context?.BackgroundJob.Id ?? throw new InvalidOperationException("Hangfire passes the perform context.");
        var row = store.DeliveryJobOf(deliveryId);
        if (row is null || row.JobId != jobId)
        {
            // Sent meanwhile, or handed to another job or back to the passes by the sweep.
            return "nothing owed to this job";
        }
        if (row.State == "dead")
        {
            store.Retry(deliveryId, time.GetUtcNow(), "hangfire:requeue");
        }
        var result = await outbox.SendOwnedAsync(deliveryId, jobId, cancellationToken);
        if (result.ServerUnavailable)
        {
            store.SetDeliveryJob(deliveryId, null);
            return "mail server unavailable: back to the outbox's passes, no attempt charged";
        }
        if (result.Failures is [var failure])
        {
            throw failure.Dead ? new DeadLetterException(failure.Error) : new MailMessageException(failure.Error);
        }
        return result.Sent == 1 ? "sent" : "nothing owed to this job";
    }
}
