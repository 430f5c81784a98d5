using Npgsql;
using Quartz;

namespace Campaigns.Host;

/// <summary>
/// Makes the Quartz scheduler before Quartz's hosted service starts it, waiting, up to a minute, for a PostgreSQL server
/// that is restarting (refused, reset), as <see cref="StoreStartup"/> does for the store. Quartz provisions its schema
/// while it makes the scheduler; a failure there shuts that scheduler down for good, so each later attempt has Quartz build
/// a new one from the same registration (not started: the hosted service starts it, as it would have).
/// </summary>
public sealed class SchedulerStartup(IServiceProvider services, ILogger<SchedulerStartup> logger) : IHostedService
{
    private const int Attempts = 60;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredKeyedService<ISchedulerFactory>(WorkerHost.SchedulerName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _ = attempt == 1
                    ? await factory.GetScheduler(cancellationToken)
                    : await services.GetRequiredService<ISchedulerRuntime>().Restart(WorkerHost.SchedulerName, SchedulerRestartOptions.WithoutStarting, cancellationToken);
                return;
            }
            catch (SchedulerException e) when (attempt < Attempts && Transient(e) is { } cause)
            {
                logger.LogWarning("Scheduler's store not reachable at start ({Error}); trying again in a second", cause.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The transient PostgreSQL error behind Quartz's exception (Quartz wraps the driver's), or null.</summary>
    private static NpgsqlException? Transient(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } transient)
            {
                return transient;
            }
        }
        return null;
    }
}
