using Campaigns.Core.Engine;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Engine;

/// <summary>
/// A plan whose tick changed nothing is not run through the engine again on the same office day while its facts in the
/// store stay as they were; a fact written meanwhile by anyone (here a dead letter, as another instance's outbox leaves
/// it) makes the next tick run it in full.
/// </summary>
public sealed class QuietTickTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly TestStore _db = TestStore.Sqlite();

    public void Dispose()
    {
        _dir.Dispose();
        _db.Dispose();
    }

    private IHost Worker(int month, int day) => WorkerHost.Build([], schedule: false,
        new Dictionary<string, string?>(WorkerSettings.For(_dir, _dir.File("plans"), _db.Settings)) { ["Campaigns:Instance"] = "quiet" },
        services =>
        {
            services.AddSingleton<TimeProvider>(new SimulatedClock(new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(8))));
            services.AddSingleton(new DrawSeedSource("quiet-test"));
        });

    private static bool RanEngine(TickReport report) => report.Phases.ShouldNotBeNull().Totals.Any(p => p.Phase == "Σ engine");

    [Fact]
    public void Tick_SameDayAgain_SkipsTheEngineUntilADeadLetterIsWritten_ThenRaisesItsFlag()
    {
        Directory.CreateDirectory(_dir.File("plans"));
        File.Copy(Repository.Path("config", "plans", "2026.yaml"), _dir.File("plans", "2026.yaml"));
        using (var publication = Worker(3, 20))
        {
            publication.Services.GetRequiredService<TickService>().Tick().Failed.ShouldBeEmpty();
        }
        using var host = Worker(4, 14);
        var ticks = host.Services.GetRequiredService<TickService>();
        ticks.Tick().Plans.ShouldHaveSingleItem().Applied.Transitions.ShouldNotBeEmpty();

        // The day's work is done: the next tick decides again and finds nothing to do; the one after does not decide.
        var again = ticks.Tick();
        RanEngine(again).ShouldBeTrue();
        again.Plans.ShouldHaveSingleItem().Applied.DeliveriesQueued.ShouldBeEmpty();
        var quiet = ticks.Tick();
        RanEngine(quiet).ShouldBeFalse();
        quiet.Plans.ShouldHaveSingleItem().Applied.Transitions.ShouldBeEmpty();

        _db.Execute("UPDATE deliveries SET state = 'dead', last_error = '550 mailbox unavailable' WHERE id = (SELECT MIN(id) FROM deliveries WHERE campaign_id IS NOT NULL)");
        var woken = ticks.Tick();
        RanEngine(woken).ShouldBeTrue();
        woken.Plans.ShouldHaveSingleItem().Applied.FlagsRaised.ShouldContain(f => f.Kind == FlagKind.DeliveryFailed);
    }
}
