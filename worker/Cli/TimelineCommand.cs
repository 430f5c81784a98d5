using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Calendar;
using Campaigns.Core.Timeline;
using Campaigns.Host;
using Campaigns.Operations;

namespace Campaigns.Cli;

public static class TimelineCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonMetadata.Resolver,
    };

    public static Command Create()
    {
        var plan = new Option<FileInfo>("--plan") { Description = "plan file (YAML)", Required = true };
        var format = CliApp.FormatOption();
        var command = new Command("timeline", "Every date the plan implies, before anything is sent.") { plan, format };
        command.SetAction(parse =>
        {
            var result = ValidateCommand.Read(parse.GetValue(plan)!);
            if (result.Plan is null)
            {
                result.Problems.ToList().ForEach(p => Console.Error.WriteLine(p.ToString()));
                return 1;
            }
            var calendar = CalendarFiles.Load(Path.Combine(RepositoryRoot.Find(), "config", "calendar"));
            IReadOnlyList<Core.Timeline.Milestone> milestones;
            try
            {
                milestones = CampaignTimeline.For(result.Plan, calendar);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A plan the validator let through but the dates cannot follow: one line, never a stack trace.
                Console.Error.WriteLine($"{result.Plan.SourcePath}: 无法计算时间表：{e.Message}");
                return 1;
            }
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    milestones.Select(m => new Dictionary<string, object?>
                    {
                        ["campaign"] = m.CampaignId,
                        ["milestone"] = m.Kind.WireName(),
                        ["date"] = m.Date.ToString("yyyy-MM-dd"),
                        ["provisional"] = m.Provisional,
                        ["waiting_for"] = CampaignTimeline.WaitsForPublication(result.Plan, m) ? "plan-publication" : null,
                    }), Json));
            }
            else
            {
                foreach (var m in milestones)
                {
                    Console.WriteLine($"{m.Date:yyyy-MM-dd}  {m.CampaignId ?? "(office)",-28} {m.Kind.WireName(),-26} {m.Kind.ChineseName()}" +
                        (m.Provisional ? "  （暂定：当年节假日安排未发布）" : "") +
                        (!CampaignTimeline.WaitsForPublication(result.Plan, m) ? ""
                            : result.Plan.Office.PublishedOn is { } on ? $"  （待计划公示：{on:yyyy-MM-dd}公示后方可抽取，001 (八)）"
                            : "  （待计划公示：未填写 published_on，计划公示后方可抽取，001 (八)）"));
                }
            }
            return 0;
        });
        return command;
    }
}
