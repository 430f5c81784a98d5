using Campaigns.Jobs;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Campaigns.Tests.Hosting;
using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Hangfire.PostgreSql's locks are rows. A worker killed, or cut from its database by a restart, in the middle of a job's
/// state change leaves that job's lock row behind, and nobody releases it. A later change of the job (the sweep requeuing
/// a pass the restart stopped) must wait only until the row counts as abandoned (<see cref="JobsRegistration.LockExpiry"/>),
/// not Hangfire.PostgreSql's ten minutes, in which the sweep's thread slept, the worker could not stop, and mail waited.
/// </summary>
public sealed class AbandonedJobLockTests : IDisposable
{
    private readonly WorkerHttpHost _worker = new();

    public void Dispose() => _worker.Dispose();

    [Fact]
    public async Task Sweep_AFailedPassWhoseLockItsHolderLeft_IsRequeuedAndSendsOnceTheLockCountsAsAbandoned()
    {
        var database = PostgresServer.CreateDatabase();
        using var host = _worker.Build(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = nameof(StorageProviderKind.PostgreSql),
            ["Storage:ConnectionString"] = database,
        });
        await host.StartAsync();
        await HostTicks.WaitFor(host);
        var stopped = host.Services.GetRequiredService<IBackgroundJobClient>()
            .Create<OutboxJob>(job => job.SendAsync(CancellationToken.None), new FailedState(new InvalidOperationException("57P01: terminating connection due to administrator command")));
        // The row its last holder committed, a little longer ago than the expiry: a holder that is gone, not a slow one.
        var resource = $"{JobsRegistration.Schema}:job:{stopped}:state-lock";
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.ExecuteAsync(
                $"INSERT INTO {JobsRegistration.Schema}.lock (resource, acquired) VALUES (@resource, now() - @age)",
                new { resource, age = JobsRegistration.LockExpiry + TimeSpan.FromSeconds(5) });
        }
        var id = OwedMail.Add(host, _worker.Clock.GetUtcNow(), "owed after a restart");

        // Whichever sweep comes first, this one or the worker's own, requeues the stopped pass rather than waiting on the lock.
        await Task.Run(() => host.Services.GetRequiredService<OutboxSweep>().Enqueue()).WaitAsync(TimeSpan.FromSeconds(30));
        await JobStates.WaitFor(host.Services.GetRequiredService<JobStorage>(), stopped, SucceededState.StateName);

        host.Services.GetRequiredService<CampaignStore>().Deliveries().Single(d => d.Id == id).State.ShouldBe("sent");
        await using (var connection = new NpgsqlConnection(database))
        {
            // Only this job's row: Hangfire's own pollers take and release rows of their own all the while.
            (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {JobsRegistration.Schema}.lock WHERE resource = @resource", new { resource }))
                .ShouldBe(0, "the abandoned row was taken over and released");
        }
        await host.StopAsync();
    }
}
