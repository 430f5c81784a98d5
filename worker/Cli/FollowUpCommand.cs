using System.CommandLine;
using Campaigns.Calendar;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Results;
using Campaigns.OfficeActions;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>`followup list|close`: the problems found that a department must still deal with (后续处理), and closing them.</summary>
public static class FollowUpCommand
{
    private static readonly Dictionary<string, FollowUpAction> Actions = new()
    {
        ["guidance"] = FollowUpAction.Guidance,
        ["abnormal"] = FollowUpAction.Abnormal,
        ["case"] = FollowUpAction.Case,
        ["transfer"] = FollowUpAction.Transfer,
    };

    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var list = new Command("list", "Each result that found a problem: its department, deadline (7 working days) and how it was closed.") { campaign };
        list.SetAction(parse => CliServices.Run(services => List(services, parse.GetValue(campaign)!)));

        var entity = new Option<string>("--entity") { Description = "统一社会信用代码 of the entity", Required = true };
        var department = new Option<string>("--department") { Description = "department id or name", Required = true };
        var action = new Option<string>("--action") { Description = "guidance (行政指导), abnormal (列入经营异常名录), case (立案查处) or transfer (移送)", Required = true };
        action.AcceptOnlyFromAmong([.. Actions.Keys]);
        var note = new Option<string>("--note") { Description = "what was done (文书编号, 移送单位…)", Required = true };
        var close = new Command("close", "Record how a follow-up was closed.") { campaign, entity, department, action, note };
        close.SetAction(parse => CliServices.Run(services => Close(services, parse.GetValue(campaign)!, parse.GetValue(entity)!, parse.GetValue(department)!,
            Actions[parse.GetValue(action)!], parse.GetValue(note)!)));
        return new Command("followup", "Follow-up of problems found (后续处理, 003 §20(三), §23).") { list, close };
    }

    private static IReadOnlyList<FollowUp> FollowUpsOf(IServiceProvider services, string campaignId)
    {
        return FollowUpClosing.Of(services.GetRequiredService<CampaignStore>(), campaignId, CalendarFiles.Load(services.Options().Resolve(services.Options().Calendar)));
    }

    private static int List(IServiceProvider services, string campaignId)
    {
        var followUps = FollowUpsOf(services, campaignId);
        foreach (var f in followUps)
        {
            var state = f.Closure is { } c ? $"已处理：{c.Action.ChineseName()}（{c.Note}，{c.ClosedOn:yyyy-MM-dd}）" : "待处理";
            Console.WriteLine($"{f.Result.Uscc} {f.Result.DepartmentId} 结果{(int)f.Result.Code} {f.Result.Code.ChineseName()} 期限{f.Due:yyyy-MM-dd}{(f.Provisional ? "（暂定）" : "")} {state}");
        }
        Console.WriteLine($"共{followUps.Count}项，待处理{followUps.Count(f => f.IsOpen)}项");
        return 0;
    }

    private static int Close(IServiceProvider services, string campaignId, string uscc, string departmentText, FollowUpAction action, string note)
    {
        var plan = services.PlanOf(campaignId);
        var calendar = CalendarFiles.Load(services.Options().Resolve(services.Options().Calendar));
        return FollowUpClosing.Close(services.GetRequiredService<CampaignStore>(), plan, calendar, campaignId, uscc, departmentText, action, note, services.Today(plan), "cli:followup")
            .Print();
    }
}
