using System.Diagnostics.Metrics;
using Campaigns.Operations;
using Hangfire;
using Prometheus;

namespace Campaigns.Hosting;

/// <summary>
/// /metrics in Prometheus text format, through prometheus-net: the meter "Campaigns" (counters as <c>_total</c> counters,
/// observable gauges read at each scrape; dots become underscores) and Hangfire's queue lengths, job counts by state and
/// live servers, read from its storage at each scrape. A registry and a listener of this host's own, so several hosts in
/// one process (the tests) never mix their figures. prometheus-net's own MeterAdapter exported none of the meter's
/// instruments here (it connected them and dropped every measurement), so this bridge is ours: a MeterListener.
/// </summary>
public sealed class MetricsExposition : IDisposable
{
    private readonly MeterListener _listener;
    private readonly MetricFactory _factory;
    private readonly HashSet<string> _queues = [];
    private readonly List<Gauge> _observed = [];

    public MetricsExposition(CampaignMetrics metrics, JobStorage jobs)
    {
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(Measured);
        _listener.Start();
        var queued = _factory.CreateGauge("hangfire_queue_length", "Jobs waiting in each Hangfire queue.", "queue");
        var states = _factory.CreateGauge("hangfire_jobs", "Hangfire jobs by state (succeeded and deleted are kept for a day).", "state");
        var servers = _factory.CreateGauge("hangfire_servers", "Hangfire servers that have sent a heartbeat recently, over every instance.");
        Registry.AddBeforeCollectCallback(() =>
        {
            lock (_observed)
            {
                // A kind of flag that cleared yields no measurement; it reads 0 rather than its last count.
                foreach (var gauge in _observed)
                {
                    foreach (var labels in gauge.GetAllLabelValues())
                    {
                        gauge.WithLabels(labels).Set(0);
                    }
                }
            }
            _listener.RecordObservableInstruments();
            var monitoring = jobs.GetMonitoringApi();
            var lengths = monitoring.Queues().ToDictionary(q => q.Name, q => (double)q.Length);
            lock (_queues)
            {
                // A queue that emptied drops out of Hangfire's list; it reads 0 rather than its last length.
                _queues.UnionWith(lengths.Keys);
                foreach (var queue in _queues)
                {
                    queued.WithLabels(queue).Set(lengths.GetValueOrDefault(queue));
                }
            }
            var statistics = monitoring.GetStatistics();
            states.WithLabels("enqueued").Set(statistics.Enqueued);
            states.WithLabels("scheduled").Set(statistics.Scheduled);
            states.WithLabels("processing").Set(statistics.Processing);
            states.WithLabels("failed").Set(statistics.Failed);
            states.WithLabels("succeeded").Set(statistics.Succeeded);
            servers.Set(statistics.Servers);
        });
    }

    public CollectorRegistry Registry { get; }

    public Task WriteAsync(Stream body, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(body, cancellationToken);

    public void Dispose() => _listener.Dispose();

    private void Measured(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var name = instrument.Name.Replace('.', '_');
        var help = $"{instrument.Description} ({instrument.Unit})";
        string[] labelNames = [.. tags.ToArray().Select(t => t.Key)];
        string[] labelValues = [.. tags.ToArray().Select(t => t.Value?.ToString() ?? "")];
        if (instrument is Counter<long>)
        {
            _factory.CreateCounter(name + "_total", help, labelNames).WithLabels(labelValues).Inc(value);
            return;
        }
        var gauge = _factory.CreateGauge(name, help, labelNames);
        lock (_observed)
        {
            if (!_observed.Contains(gauge))
            {
                _observed.Add(gauge);
            }
        }
        gauge.WithLabels(labelValues).Set(value);
    }
}
