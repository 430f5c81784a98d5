using System.CommandLine;
using System.Globalization;
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
            var planned = plan.Campaign(campaignId);
            var problems = new List<string>();
            if (planned.Rules.ListConfirmationWorkingDays is null)
            {
                problems.Add($"抽查任务“{campaignId}”的计划未设置 list_confirmation_working_days（002 五(三)2），无需确认抽查名单");
            }
            if (!planned.AllDepartments.Contains(departmentId))
            {
                problems.Add($"--department：部门“{departmentId}”不参加抽查任务“{campaignId}”");
            }
            if (store.Draw(campaignId) is null)
            {
                problems.Add($"抽查任务“{campaignId}”尚未抽取，没有可确认的抽查名单");
            }
            var today = services.Today(plan);
            var date = today;
            if (parse.GetValue(on) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                problems.Add($"--on：日期“{text}”无效，应为 YYYY-MM-DD");
            }
            else if (date > today)
            {
                problems.Add($"--on：确认日期{date:yyyy-MM-dd}晚于今天（{today:yyyy-MM-dd}）");
            }
            if (problems.Count > 0)
            {
                problems.ForEach(Console.Error.WriteLine);
                return 1;
            }
            var who = parse.GetValue(by) ?? plan.Department(departmentId).Contacts.FirstOrDefault()?.Name ?? departmentId;
            if (!store.ConfirmList(campaignId, departmentId, date, who, services.GetRequiredService<TimeProvider>().GetUtcNow()))
            {
                var earlier = store.ListConfirmationsOf(campaignId).Single(c => c.DepartmentId == departmentId);
                Console.Error.WriteLine($"部门“{departmentId}”已于{earlier.ConfirmedOn}确认抽查名单（{earlier.ConfirmedBy}），未作更改");
                return 1;
            }
            Console.WriteLine($"已登记：{plan.Department(departmentId).Name}于{date:yyyy-MM-dd}确认收到{campaignId}的抽查名单（{who}）");
            return 0;
        }));
        return command;
    }
}
