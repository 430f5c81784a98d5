using System.Diagnostics.Metrics;
using Campaigns.Storage;

namespace Campaigns.Operations;

/// <summary>
/// The meter "Campaigns" (dotnet-counters monitor --counters Campaigns, or any OpenTelemetry exporter). Counters move as
/// the worker works; the gauges read the store when a listener collects, so they are right after a restart too. Created
/// through <see cref="IMeterFactory"/>, so each host has its own meter and tests listen to theirs alone.
/// </summary>
public sealed class CampaignMetrics
{
    public const string MeterName = "Campaigns";

    private readonly Counter<long> _ticks;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private long _lastTickUtcTicks;

    public CampaignMetrics(IMeterFactory meters, StoreProvider database)
    {
        Meter = meters.Create(MeterName);
        _ticks = Meter.CreateCounter<long>("campaigns.ticks.completed", "{tick}", "Reconciliations of every plan finished.");
        _sent = Meter.CreateCounter<long>("campaigns.deliveries.sent", "{message}", "Messages handed to the mail server or pickup folder.");
        _failed = Meter.CreateCounter<long>("campaigns.deliveries.failed", "{attempt}",
            "Failed attempts charged to a message, the last one before a dead letter included (an unavailable server charges none).");
        _deadLettered = Meter.CreateCounter<long>("campaigns.deliveries.dead_lettered", "{message}", "Messages the outbox gave up on.");

        Meter.CreateObservableGauge("campaigns.deliveries.pending", () => Read(database, f => [new(f.PendingDeliveries)]), "{message}",
            "Messages owed and not yet sent.");
        Meter.CreateObservableGauge("campaigns.deliveries.dead", () => Read(database, f => [new(f.DeadLetters)]), "{message}",
            "Dead letters waiting for `deliveries retry`.");
        Meter.CreateObservableGauge("campaigns.flags.active", () => Read(database, f =>
            [.. f.ActiveFlags.Select(k => new Measurement<long>(k.Value, new KeyValuePair<string, object?>("kind", k.Key)))]), "{flag}",
            "Active overdue flags, by kind.");
    }

    public Meter Meter { get; }

    /// <summary>When the last tick finished (the clock's time), for /health; null before the first.</summary>
    public DateTimeOffset? LastTick => Interlocked.Read(ref _lastTickUtcTicks) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public void TickCompleted(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastTickUtcTicks, at.UtcTicks);
        _ticks.Add(1);
    }

    public void DeliverySent() => _sent.Add(1);

    public void DeliveryFailed(bool deadLettered)
    {
        _failed.Add(1);
        if (deadLettered)
        {
            _deadLettered.Add(1);
        }
    }

    // A store not there yet (before the first start) has nothing to report, which is not an error for a gauge.
    private static IEnumerable<Measurement<long>> Read(StoreProvider database, Func<StoreFacts, IEnumerable<Measurement<long>>> select) =>
        StoreInspector.Inspect(database).Facts is { } facts ? select(facts) : [];
}
