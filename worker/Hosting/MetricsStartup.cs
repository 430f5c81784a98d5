namespace Campaigns.Hosting;

/// <summary>
/// Makes the /metrics registry and its meter listener when the host starts, ahead of the scheduler, so the counters the
/// first tick moves are not lost to a registry made at the first scrape; at start rather than when the host is built,
/// so a setting the validator refuses is reported (and logged) by the host like any other.
/// </summary>
public sealed class MetricsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<MetricsExposition>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
