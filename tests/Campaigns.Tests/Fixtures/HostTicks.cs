using Campaigns.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Fixtures;

/// <summary>Waits for a running host's scheduler to finish ticks; a tick that never comes fails the test after a minute.</summary>
public static class HostTicks
{
    public static async Task WaitFor(IHost host, int completed = 1)
    {
        var ticks = host.Services.GetRequiredService<TickService>();
        for (var waited = TimeSpan.Zero; ticks.Completed < completed; waited += TimeSpan.FromMilliseconds(50))
        {
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"tick {completed} never came");
            await Task.Delay(50);
        }
    }
}
