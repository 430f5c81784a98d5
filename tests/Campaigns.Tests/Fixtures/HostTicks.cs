using Campaigns.Engine;
using Campaigns.Storage;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// Waits for a running host's scheduler to finish ticks and for Hangfire to send what they owed (no row due, no job
/// waiting or running); a tick or a send that never comes fails the test after a minute.
/// </summary>
public static class HostTicks
{
    public static async Task WaitFor(IHost host, int completed = 1)
    {
        var ticks = host.Services.GetRequiredService<TickService>();
        var store = host.Services.GetRequiredService<CampaignStore>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var jobs = host.Services.GetService<JobStorage>();
        for (var waited = TimeSpan.Zero; ticks.Completed < completed || !Settled(); waited += TimeSpan.FromMilliseconds(50))
        {
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(60), ticks.Completed < completed ? $"tick {completed} never came" : "the outbox was never sent");
            await Task.Delay(50);
        }

        bool Settled()
        {
            if (jobs is null)
            {
                return true;
            }
            var statistics = jobs.GetMonitoringApi().GetStatistics();
            return statistics.Enqueued == 0 && statistics.Processing == 0 && store.DueDeliveries(time.GetUtcNow(), 1).Count == 0;
        }
    }
}
