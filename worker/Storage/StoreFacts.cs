namespace Campaigns.Storage;

/// <summary>
/// What a database file says about itself, read without changing it: its schema, the outbox and the active flags.
/// <see cref="Schedulers"/> is the Quartz cluster's check-ins (PostgreSQL only; null on SQLite, where Quartz runs in memory).
/// <see cref="DueDeliveryTimes"/> holds the next attempt of every pending row, parsed, so a caller can tell how long mail has waited.
/// </summary>
public sealed record StoreFacts(
    int SchemaVersion,
    int KnownSchemaVersion,
    long Campaigns,
    long Results,
    long Deliveries,
    IReadOnlyList<DateTimeOffset> DueDeliveryTimes,
    long DeadLetters,
    IReadOnlyDictionary<string, long> ActiveFlags,
    IReadOnlyList<SchedulerCheckin>? Schedulers = null)
{
    public long PendingDeliveries => DueDeliveryTimes.Count;

    public long ActiveFlagCount => ActiveFlags.Values.Sum();
}
