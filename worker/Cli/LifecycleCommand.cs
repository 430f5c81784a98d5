using System.CommandLine;
using Campaigns.Core.Lifecycle;

namespace Campaigns.Cli;

public static class LifecycleCommand
{
    public static Command Create()
    {
        var command = new Command("lifecycle", "Print the campaign lifecycle as a Mermaid state diagram (the one in README).");
        command.SetAction(_ => Console.Write(CampaignLifecycle.Diagram()));
        return command;
    }
}
