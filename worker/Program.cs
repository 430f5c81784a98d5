using System.CommandLine;
using Campaigns.Cli;
using Campaigns.Host;
using Microsoft.Extensions.Options;

var root = CliApp.Build();
if (JitProfile.Name(args, root.Subcommands.Select(c => c.Name)) is { } command)
{
    JitProfile.Start(command, Environment.GetEnvironmentVariable);
}
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException e)
{
    // A setting that does not hold is the operator's to fix: every failure, each naming its setting, and no stack trace
    // (System.CommandLine's handler printed one, as for a bug).
    await Console.Error.WriteLineAsync("campaigns: settings that do not hold (config/appsettings.json, or the environment's Campaigns__* and Storage__*):");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"  {failure}");
    }
    return 1;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // What System.CommandLine's own handler did with anything else, which is a bug to report with its stack.
    await Console.Error.WriteLineAsync($"Unhandled exception: {e}");
    return 1;
}
catch (OperationCanceledException)
{
    return 1;
}
