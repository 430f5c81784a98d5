namespace Campaigns.Engine;

/// <summary>
/// Where a message that failed on its own goes from a pass: to a Hangfire job that retries it with Hangfire's back-off,
/// or, when it is dead, to a job created Failed so the dashboard shows it. The outbox itself never retries.
/// </summary>
public interface IDeliveryRetries
{
    /// <summary>Creates the job that owns the row from now on and returns its id.</summary>
    string Take(long deliveryId, string error, bool dead);
}
