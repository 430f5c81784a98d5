using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Campaigns.Tests.Integration;

/// <summary>
/// A worker started while its PostgreSQL server is still down (a machine booting, a server restarting under a starting
/// worker): the store's opening, Hangfire's install and Quartz's own schema provisioning wait for the server, and the
/// worker then ticks and sends as if the server had been up all along.
/// </summary>
public sealed class LateDatabaseTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly PostgresCluster _cluster = PostgresCluster.Start();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    private IHost Worker(string database, SimulatedClock clock) => WorkerHost.Build([], schedule: true, WorkerSettings.For(_dir, Repository.Path("config", "plans", "2026.yaml"), new Dictionary<string, string?>
    {
        ["Storage:Provider"] = nameof(StorageProviderKind.PostgreSql),
        ["Storage:ConnectionString"] = database,
        ["Campaigns:ClusterCheckinInterval"] = "00:00:01",
        ["Campaigns:HttpPort"] = "0",
    }),
    services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new DrawSeedSource("late-database-test"));
    });

    private static SimulatedClock Clock() => new(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>Every message the start owed was sent, and Quartz's tables were made by this start and checked in to.</summary>
    private async Task ShouldHaveTickedAndSent(IHost host, string database)
    {
        await HostTicks.WaitFor(host);
        var sent = host.Services.GetRequiredService<CampaignStore>().Deliveries();
        sent.ShouldNotBeEmpty();
        sent.ShouldAllBe(d => d.State == "sent");
        Directory.GetFiles(_dir.File("mail"), "*.eml").Length.ShouldBe(sent.Count);
        await using var connection = new NpgsqlConnection(database);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM qrtz_scheduler_state")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Run_PostgresComesUpSecondsAfterTheWorkerStarts_TheStartWaitsThenTicksAndSends()
    {
        // A new database: the store's, Quartz's and Hangfire's schemas are made by this start, after the server comes up.
        var database = _cluster.CreateDatabase();
        _cluster.Stop();
        var start = Task.Run(async () =>
        {
            var host = Worker(database, Clock());
            await host.StartAsync();
            return host;
        });

        await Task.Delay(TimeSpan.FromSeconds(5));
        start.IsCompleted.ShouldBeFalse(start.Exception?.ToString() ?? "the worker must not have started without its database");
        _cluster.Restart();
        using var host = await start.WaitAsync(TimeSpan.FromMinutes(2));
        await ShouldHaveTickedAndSent(host, database);
        await host.StopAsync();
    }

    [Fact]
    public async Task SchedulerStartup_ServerDownWhenQuartzProvisionsItsSchema_WaitsForItAndTheWorkerTicks()
    {
        // The store is up to date, and the server goes away just as Quartz makes its scheduler (and its tables): Quartz's
        // provisioning meets a refused connection, which shuts its scheduler down for good unless a new one is made.
        var database = _cluster.CreateDatabase();
        using var host = Worker(database, Clock());
        host.Services.GetRequiredService<CampaignStore>();
        _cluster.Stop();
        var scheduler = host.Services.GetServices<IHostedService>().OfType<SchedulerStartup>().Single().StartAsync(CancellationToken.None);

        // Longer than Quartz's own attempts to connect last (about 6 s here), after which it gives its scheduler up.
        await Task.Delay(TimeSpan.FromSeconds(10));
        scheduler.IsCompleted.ShouldBeFalse(scheduler.Exception?.ToString() ?? "Quartz's start must wait for the server");
        _cluster.Restart();
        await scheduler.WaitAsync(TimeSpan.FromMinutes(1));
        await host.StartAsync();
        await ShouldHaveTickedAndSent(host, database);
        await host.StopAsync();
    }
}
