using Quartz;

namespace Campaigns.Host;

/// <summary>
/// Makes the Quartz scheduler before Quartz's hosted service starts it, waiting for a restarting PostgreSQL server as
/// <see cref="StoreStartup"/> does for the store (<see cref="RestartingServer"/>). Quartz provisions its schema while it
/// makes the scheduler; a failure there shuts that scheduler down for good, so each later attempt has Quartz build a new
/// one from the same registration (not started: the hosted service starts it, as it would have).
/// </summary>
public sealed class SchedulerStartup(IServiceProvider services, ILogger<SchedulerStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        RestartingServer.WaitAsync("Scheduler's store", async first =>
        {
            _ = first
                ? await services.GetRequiredKeyedService<ISchedulerFactory>(WorkerHost.SchedulerName).GetScheduler(cancellationToken)
                : await services.GetRequiredService<ISchedulerRuntime>().Restart(WorkerHost.SchedulerName, SchedulerRestartOptions.WithoutStarting, cancellationToken);
        }, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
