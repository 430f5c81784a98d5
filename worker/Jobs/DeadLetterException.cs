namespace Campaigns.Jobs;

/// <summary>
/// A message that will not be retried any more (its attempts are spent, or retrying cannot help): the job that owns it
/// ends Failed, which is how a dead letter shows on the dashboard. Never retried by Hangfire (<see cref="DeliveryJob"/>).
/// </summary>
public sealed class DeadLetterException(string message) : Exception(message);
