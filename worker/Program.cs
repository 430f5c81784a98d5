using Campaigns.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
