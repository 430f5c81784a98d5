using Campaigns.Storage;

namespace Campaigns.Host;

/// <summary>
/// Opens the store when the worker starts, before Quartz: opening applies pending migrations under the store's lock,
/// and a database newer than this worker stops the start here, before any job runs. A PostgreSQL server that is
/// restarting is waited for (<see cref="RestartingServer"/>).
/// </summary>
public sealed class StoreStartup(IServiceProvider services, ILogger<StoreStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        RestartingServer.WaitAsync("Store", _ =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            logger.LogInformation("Store {Store} at schema version {Version}", store.Provider.Description, store.SchemaVersion);
            return Task.CompletedTask;
        }, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
