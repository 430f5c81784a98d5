using System.CommandLine;
using Campaigns.Host;

namespace Campaigns.Cli;

public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the worker: tick on start, on the daily cron and when a plan changes, until Ctrl-C.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var host = WorkerHost.Build([], schedule: true);
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
