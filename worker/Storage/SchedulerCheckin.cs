namespace Campaigns.Storage;

/// <summary>One clustered Quartz instance's last check-in, as its table holds it (UTC ticks, interval in milliseconds).</summary>
public sealed record SchedulerCheckin(string Instance, long LastCheckinTicks, long CheckinIntervalMilliseconds)
{
    /// <summary>
    /// Alive when it checked in within two intervals and Quartz's own 7.5 s of grace: the same margin the cluster
    /// gives an instance before taking its work over.
    /// </summary>
    public bool IsAliveAt(DateTimeOffset now) =>
        now.UtcTicks - LastCheckinTicks < TimeSpan.FromMilliseconds(2 * CheckinIntervalMilliseconds + 7500).Ticks;
}
