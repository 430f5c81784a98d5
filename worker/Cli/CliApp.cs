using System.CommandLine;

namespace Campaigns.Cli;

/// <summary>The one binary: with no command it runs the worker; the commands serve admins and operators.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("双随机、一公开 campaign worker: runs every campaign of an office's annual plan.");
        root.SetAction((_, cancellationToken) => RunCommand.RunAsync(cancellationToken));
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(TimelineCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(PublishCheckItemsCommand.Create());
        root.Subcommands.Add(ConfirmListCommand.Create());
        root.Subcommands.Add(FollowUpCommand.Create());
        root.Subcommands.Add(StatisticsCommand.Create());
        root.Subcommands.Add(LifecycleCommand.Create());
        root.Subcommands.Add(DeliveriesCommand.Create());
        root.Subcommands.Add(DirectoryCommand.Create());
        root.Subcommands.Add(VerifyDrawCommand.Create());
        root.Subcommands.Add(SubstituteCommand.Create());
        root.Subcommands.Add(ArchiveCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(HashPasswordCommand.Create());
        root.Subcommands.Add(BenchDrawCommand.Create());
        root.Subcommands.Add(BenchMailCommand.Create());
        root.Subcommands.Add(BenchRenderCommand.Create());
        root.Subcommands.Add(BenchTickCommand.Create());
        return root;
    }

    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "text or json",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");
}
