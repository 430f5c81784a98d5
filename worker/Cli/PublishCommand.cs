using System.CommandLine;
using System.Globalization;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
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
            var problems = new List<string>();
            var link = parse.GetValue(url)!;
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"--url：“{link}”不是 http(s) 网址");
            }
            var today = services.Today(plan);
            var text = parse.GetValue(on)!;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"--on：日期“{text}”无效，应为 YYYY-MM-DD");
            }
            else if (date > today)
            {
                problems.Add($"--on：公示日期{text}晚于今天（{today:yyyy-MM-dd}），请在公示后再登记");
            }
            var state = store.Campaigns().FirstOrDefault(c => c.Id == campaignId)?.State;
            if (parse.GetValue(bulletin))
            {
                return ConfirmBulletin(services, plan.Campaign(campaignId), state, link, date, problems);
            }
            if (parse.GetValue(department) is { } departmentId)
            {
                return ConfirmDepartment(services, plan, plan.Campaign(campaignId), departmentId, state, link, date, problems);
            }
            if (state != nameof(CampaignState.AwaitingPublication) && store.PublicationOf(campaignId) is null)
            {
                problems.Add($"抽查任务“{campaignId}”当前状态为{state ?? "未开始"}：检查结果全部录入、公示表生成后才能登记公示");
            }
            if (problems.Count > 0)
            {
                problems.ForEach(Console.Error.WriteLine);
                return 1;
            }
            if (!store.ConfirmPublication(campaignId, new Publication(link, date), services.GetRequiredService<TimeProvider>().GetUtcNow()))
            {
                var earlier = store.PublicationOf(campaignId)!;
                Console.Error.WriteLine($"抽查任务“{campaignId}”已于{earlier.On:yyyy-MM-dd}登记公示（{earlier.Url}），未作更改");
                return 1;
            }
            Console.WriteLine($"已登记：{campaignId}于{date:yyyy-MM-dd}公示，网址 {link}；worker 下次运行时生成统计表和工作总结");
            return 0;
        }));
        return command;
    }

    /// <summary>A department's own publicity: the campaign's results must be ready (the publicity table out), as for the office's.</summary>
    private static int ConfirmDepartment(
        IServiceProvider services, AnnualPlan plan, CampaignPlan campaign, string departmentId, string? state, string link, DateOnly date, List<string> problems)
    {
        var store = services.GetRequiredService<CampaignStore>();
        if (!campaign.Rules.PublicityByDepartment)
        {
            problems.Add($"抽查任务“{campaign.Id}”的计划未设置 publicity_by: department（各部门分别登记公示），请由办公室登记：去掉 --department");
        }
        if (!campaign.AllDepartments.Contains(departmentId))
        {
            problems.Add($"--department：部门“{departmentId}”不参加抽查任务“{campaign.Id}”");
        }
        var own = store.DepartmentPublicationsOf(campaign.Id);
        if (state != nameof(CampaignState.AwaitingPublication) && !own.ContainsKey(departmentId) && store.PublicationOf(campaign.Id) is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”当前状态为{state ?? "未开始"}：检查结果全部录入、公示表生成后才能登记公示");
        }
        if (problems.Count > 0)
        {
            problems.ForEach(Console.Error.WriteLine);
            return 1;
        }
        if (!store.ConfirmDepartmentPublication(campaign.Id, departmentId, new Publication(link, date), services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            var earlier = store.DepartmentPublicationsOf(campaign.Id)[departmentId];
            Console.Error.WriteLine($"{plan.Department(departmentId).Name}已于{earlier.On:yyyy-MM-dd}登记{campaign.Id}的公示（{earlier.Url}），未作更改");
            return 1;
        }
        var waiting = campaign.AllDepartments.Where(d => d != departmentId && !own.ContainsKey(d)).Select(d => plan.Department(d).Name).ToList();
        Console.WriteLine($"已登记：{plan.Department(departmentId).Name}于{date:yyyy-MM-dd}公示{campaign.Id}的抽查结果，网址 {link}；" +
            (waiting.Count == 0 ? "各部门均已公示，worker 下次运行时生成统计表和工作总结" : $"尚待公示：{string.Join("、", waiting)}"));
        return 0;
    }

    /// <summary>The bulletin follows the inspection (检查工作结束后), so it needs a campaign whose window has ended.</summary>
    private static int ConfirmBulletin(IServiceProvider services, CampaignPlan campaign, string? state, string link, DateOnly date, List<string> problems)
    {
        var store = services.GetRequiredService<CampaignStore>();
        if (campaign.Rules.BulletinWorkingDays is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”的计划未设置 bulletin_working_days（一抽查一通报，001 (十一)），无需登记通报");
        }
        var after = state is not null && Enum.TryParse<CampaignState>(state, out var s) && s != CampaignState.Cancelled && !Reconciler.IsBefore(s, CampaignState.ResultEntry);
        if (!after && store.BulletinOf(campaign.Id) is null)
        {
            problems.Add($"抽查任务“{campaign.Id}”当前状态为{state ?? "未开始"}：检查结束后才能登记通报");
        }
        if (problems.Count > 0)
        {
            problems.ForEach(Console.Error.WriteLine);
            return 1;
        }
        if (!store.ConfirmBulletin(campaign.Id, new Publication(link, date), services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            var earlier = store.BulletinOf(campaign.Id)!;
            Console.Error.WriteLine($"抽查任务“{campaign.Id}”已于{earlier.On:yyyy-MM-dd}登记通报（{earlier.Url}），未作更改");
            return 1;
        }
        Console.WriteLine($"已登记：{campaign.Id}于{date:yyyy-MM-dd}在政府门户网站通报抽查情况（一抽查一通报），网址 {link}");
        return 0;
    }
}
