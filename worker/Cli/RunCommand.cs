using System.CommandLine;
using Campaigns.Host;
using Campaigns.Hosting;

namespace Campaigns.Cli;

public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the worker: tick on start, on the daily cron and when a plan changes, until Ctrl-C.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    /// <summary>0 after a stop signal, 1 whenever the worker stopped for another reason (<see cref="WorkerExit"/>).</summary>
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var host = WorkerHost.Build([], schedule: true);
        return await WorkerExit.RunAsync(host, cancellationToken);
    }
}
