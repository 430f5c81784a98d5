using System.CommandLine;
using System.Text.Json;
using Campaigns.Calendar;
using Campaigns.Core.Engine;
using Campaigns.Core.Timeline;
using Campaigns.Engine;
using Campaigns.Storage;

namespace Campaigns.Cli;

public static class StatusCommand
{
    public static Command Create()
    {
        var format = CliApp.FormatOption();
        var command = new Command("status", "Each campaign's state, next milestone and overdue flags.") { format };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var errors = new List<string>();
            var rows = Collect(services, errors);
            // A plan that cannot be shown is one line on stderr (never a stack trace); the others are still listed.
            errors.ForEach(Console.Error.WriteLine);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, TimelineCommand.Json));
                return errors.Count == 0 ? 0 : 1;
            }
            foreach (var row in rows)
            {
                var next = row.NextMilestone is null ? "无" : $"{row.NextMilestoneDate} {row.NextMilestone}";
                var flags = row.Flags.Count == 0 ? "" : $"  超期：{string.Join("；", row.Flags.Select(f =>
                    $"{FlagNames.Parse(f.Kind).ChineseName()}{(f.Subject.Length > 0 ? $"（{f.Subject}）" : "")}，自{f.Since}起"))}";
                Console.WriteLine($"{row.Campaign,-28} {row.State,-12} 下一节点：{next}{flags}");
            }
            return errors.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    public sealed record StatusFlag(string Kind, string Subject, string Since, string Detail);

    public sealed record StatusRow(string Campaign, string State, string? NextMilestone, string? NextMilestoneDate, IReadOnlyList<StatusFlag> Flags);

    public static IReadOnlyList<StatusRow> Collect(IServiceProvider services) => Collect(services, []);

    /// <summary>The rows of every plan that can be shown; a plan that fails adds a `file: message` line to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<StatusRow> Collect(IServiceProvider services, List<string> errors)
    {
        var options = services.Options();
        var store = services.GetRequiredService<CampaignStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var calendar = CalendarFiles.Load(options.Resolve(options.Calendar));
        var states = store.Campaigns().ToDictionary(c => c.Id, c => c.State);
        var flags = store.ActiveFlags();
        var rows = new List<StatusRow>();
        foreach (var plan in services.Plans())
        {
            var today = TickService.OfficeDate(now, plan.Office.TimeZone);
            foreach (var campaign in plan.Campaigns)
            {
                try
                {
                    rows.Add(Row(plan, campaign, today));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors.Add($"{plan.SourcePath}: 抽查任务“{campaign.Id}”的状态无法显示：{e.Message}");
                }
            }
        }
        return rows;

        StatusRow Row(Core.Plans.AnnualPlan plan, Core.Plans.CampaignPlan campaign, DateOnly today)
        {
            var next = CampaignTimeline.For(plan, campaign, calendar).Where(m => m.Date >= today).MinBy(m => m.Date);
            return new StatusRow(
                campaign.Id,
                states.GetValueOrDefault(campaign.Id, "Draft (not yet ticked)"),
                next?.Kind.WireName(),
                next?.Date.ToString("yyyy-MM-dd"),
                [.. flags.Where(f => f.Scope == campaign.Id || f.Scope == plan.Key).Select(f => new StatusFlag(f.Kind, f.Subject, f.Since, f.Detail))]);
        }
    }
}
