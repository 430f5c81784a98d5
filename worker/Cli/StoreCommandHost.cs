using Campaigns.Host;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>The settings backup, restore and health read: only the database's path, never the store (opening it would create or migrate it).</summary>
internal static class StoreCommandHost
{
    public static (WorkerOptions Options, TimeProvider Time) Settings()
    {
        using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        return (host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value, host.Services.GetRequiredService<TimeProvider>());
    }
}
