using System.CommandLine;
using Campaigns.OfficeActions;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>
/// `publish --campaign C --url U --on DATE`: the office confirms it published the results (公示), which lets the
/// campaign move on to its report on the next tick. Until then, after the publicity deadline, it is a breach.
/// With `--bulletin` it confirms the office's own bulletin instead (一抽查一通报, 001 (十一)), for a plan that sets
/// `bulletin_working_days`: it clears or forestalls bulletin-overdue and moves no state. With `--department D` a department
/// confirms its own results' publicity (谁检查、谁录入、谁公示), for a plan that sets `publicity_by: department`: the campaign
/// moves on once every department has (or the office has, for all).
/// </summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var url = new Option<string>("--url") { Description = "where the results are published (信用信息公示系统 or the government site)", Required = true };
        var on = new Option<string>("--on") { Description = "the day they were published, YYYY-MM-DD", Required = true };
        var bulletin = new Option<bool>("--bulletin") { Description = "confirm the office's bulletin (一抽查一通报, 001 (十一)) instead of the results' publicity" };
        var department = new Option<string?>("--department") { Description = "confirm one department's own publicity (谁检查、谁录入、谁公示), for a plan with publicity_by: department" };
        var command = new Command("publish", "Confirm that a campaign's results were published (公示), or with --bulletin its bulletin (通报): where and when.")
        {
            campaign, url, on, bulletin, department,
        };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            var campaignId = parse.GetValue(campaign)!;
            var plan = services.PlanOf(campaignId);
            if (plan is null)
            {
                Console.Error.WriteLine($"年度抽查计划中没有抽查任务“{campaignId}”");
                return 1;
            }
            return PublicationConfirmation.Confirm(store, plan, campaignId, parse.GetValue(url)!, parse.GetValue(on)!, parse.GetValue(bulletin), parse.GetValue(department), services.Today(plan),
                services.GetRequiredService<TimeProvider>().GetUtcNow(), "cli:publish").Print();
        }));
        return command;
    }
}
