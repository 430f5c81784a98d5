using Campaigns.Cli;
using Campaigns.Host;

var root = CliApp.Build();
if (JitProfile.Name(args, root.Subcommands.Select(c => c.Name)) is { } command)
{
    JitProfile.Start(command, Environment.GetEnvironmentVariable);
}
return await root.Parse(args).InvokeAsync();
