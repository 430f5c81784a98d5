using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Campaigns.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Integration;

/// <summary>The running worker's health endpoint, metrics and log format, on the simulated clock.</summary>
public class OperationsHostTests : IDisposable
{
    private readonly WorkerHttpHost _worker = new();

    public void Dispose() => _worker.Dispose();

    private IHost Worker(SimulatedClock clock, IReadOnlyDictionary<string, string?>? extra = null) => _worker.Build(extra, clock: clock);

    [Fact]
    public async Task Health_AfterTheTickOnStart_200ThenDeadLetter503ThenTickTooOld503()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        using var host = Worker(clock);
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        using var http = HostHttp.Client(host);

        using (var ok = await http.GetAsync("health"))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            ok.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            var text = await ok.Content.ReadAsStringAsync();
            text.ShouldContain("正常（healthy）", Case.Sensitive, "Chinese as written, not \\u escapes");
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("status").GetString().ShouldBe("healthy");
            body.GetProperty("schemaVersion").GetInt32().ShouldBe(StoreInspector.KnownSchemaVersion);
            body.GetProperty("lastTick").GetDateTimeOffset().ShouldBe(clock.GetUtcNow());
            body.GetProperty("deadLetters").GetInt64().ShouldBe(0);
        }

        var store = host.Services.GetRequiredService<CampaignStore>();
        store.MarkFailed(store.Deliveries().First().Id, "550 no such user", dead: true);
        using (var dead = await http.GetAsync("health"))
        {
            dead.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = JsonDocument.Parse(await dead.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("status").GetString().ShouldBe("unhealthy");
            body.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem().GetString()!.ShouldContain("dead letters");
        }

        store.Retry(store.Deliveries("dead").Single().Id, clock.GetUtcNow()).ShouldBeTrue();
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        clock.Set(clock.GetUtcNow().AddHours(27));
        using (var stale = await http.GetAsync("health"))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await stale.Content.ReadAsStringAsync()).ShouldContain("last tick 27 h ago");
        }
        (await http.GetAsync("other")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await host.StopAsync();
    }

    [Fact]
    public async Task Metrics_OneTick_CountersMoveAndGaugesReadTheStore()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        using var host = Worker(clock);
        var metrics = host.Services.GetRequiredService<CampaignMetrics>();
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        // Only this host's meter: other tests' hosts run in the same process with meters of the same name.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await host.StartAsync();
        await HostTicks.WaitFor(host);
        await host.StopAsync();
        listener.RecordObservableInstruments();

        var store = CampaignStore.Open(_worker.Database);
        var sent = store.Deliveries("sent").Count;
        sent.ShouldBeGreaterThan(0);
        measured["campaigns.ticks.completed"].ShouldBe(1);
        measured["campaigns.deliveries.sent"].ShouldBe(sent);
        measured.GetValueOrDefault("campaigns.deliveries.failed").ShouldBe(0);
        measured["campaigns.deliveries.pending"].ShouldBe(store.Deliveries("pending").Count);
        measured["campaigns.deliveries.dead"].ShouldBe(0);
        var flags = store.ActiveFlags().Count;
        flags.ShouldBeGreaterThan(0, "by July the sample plan has overdue campaigns");
        measured["campaigns.flags.active"].ShouldBe(flags);
    }

    [Fact]
    public void Build_LogFormatJson_ConsoleUsesTheJsonFormatter()
    {
        using var json = Worker(new SimulatedClock(DateTimeOffset.UnixEpoch), new Dictionary<string, string?> { ["Campaigns:LogFormat"] = "json" });
        using var simple = Worker(new SimulatedClock(DateTimeOffset.UnixEpoch));

        json.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Json);
        simple.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Simple);
    }
}
