using Campaigns.Storage;
using Npgsql;

namespace Campaigns.Host;

/// <summary>
/// Opens the store when the worker starts, before Quartz: opening applies pending migrations under the store's lock,
/// and a database newer than this worker stops the start here, before any job runs. A PostgreSQL server that is
/// restarting (refused, reset) is waited for, up to a minute, rather than ending the start.
/// </summary>
public sealed class StoreStartup(IServiceProvider services, ILogger<StoreStartup> logger) : IHostedService
{
    private const int Attempts = 60;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var store = services.GetRequiredService<CampaignStore>();
                logger.LogInformation("Store {Store} at schema version {Version}", store.Provider.Description, store.SchemaVersion);
                return;
            }
            catch (NpgsqlException e) when (attempt < Attempts && e.IsTransient)
            {
                logger.LogWarning("Store not reachable at start ({Error}); trying again in a second", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
