using System.CommandLine;
using Campaigns.Operations;

namespace Campaigns.Cli;

/// <summary>
/// `health`: one line and exit 0 when healthy, 1 when not (see <see cref="HealthCheck"/>). A separate process cannot
/// know when the worker last ticked; the running worker's GET /health adds that.
/// </summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var command = new Command("health", "Exit 0 when the database opens at this worker's schema, no message is dead or stuck; print one line.");
        command.SetAction(_ =>
        {
            var (options, time, storage) = StoreCommandHost.Settings();
            using var store = storage.Create(options.Resolve(options.Database));
            var report = HealthCheck.Evaluate(options, store, time.GetUtcNow(), lastTick: null);
            (report.Healthy ? Console.Out : Console.Error).WriteLine(report.Summary);
            return report.Healthy ? 0 : 1;
        });
        return command;
    }
}
