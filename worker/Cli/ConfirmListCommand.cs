using System.CommandLine;
using Campaigns.OfficeActions;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>
/// `confirm-list --campaign C --department D [--on DATE] [--by NAME]`: a department confirms it received its drawn
/// entities and inspectors (002 五(三)2), for a plan that sets `list_confirmation_working_days`; it clears or forestalls
/// that department's list-confirmation-overdue.
/// </summary>
public static class ConfirmListCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var department = new Option<string>("--department") { Description = "department id", Required = true };
        var on = new Option<string?>("--on") { Description = "the day it was confirmed, YYYY-MM-DD (default: today)" };
        var by = new Option<string?>("--by") { Description = "who confirmed (default: the department's first contact)" };
        var command = new Command("confirm-list", "Record that a department confirmed receipt of its dispatched list (002 五(三)2).") { campaign, department, on, by };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            var campaignId = parse.GetValue(campaign)!;
            var departmentId = parse.GetValue(department)!;
            var plan = services.PlanOf(campaignId);
            if (plan is null)
            {
                Console.Error.WriteLine($"年度抽查计划中没有抽查任务“{campaignId}”");
                return 1;
            }
            return ListConfirmation.Confirm(store, plan, campaignId, departmentId, parse.GetValue(on), parse.GetValue(by), services.Today(plan),
                services.GetRequiredService<TimeProvider>().GetUtcNow(), "cli:confirm-list").Print();
        }));
        return command;
    }
}
