using Campaigns.Engine;
using Hangfire;
using Hangfire.States;

namespace Campaigns.Jobs;

/// <summary>
/// Hands a pass's failed message to its own <see cref="DeliveryJob"/>: scheduled for Hangfire's first retry, or, when the
/// message is dead already, created Failed so the dashboard shows it with its error.
/// </summary>
public sealed class HangfireDeliveryRetries(IBackgroundJobClient jobs) : IDeliveryRetries
{
    public string Take(long deliveryId, string error, bool dead) => dead
        ? jobs.Create<DeliveryJob>(job => job.SendAsync(deliveryId, null, CancellationToken.None), new FailedState(new DeadLetterException(error)))
        : jobs.Schedule<DeliveryJob>(job => job.SendAsync(deliveryId, null, CancellationToken.None), DeliveryJob.FirstDelay);
}
