using System.CommandLine;
using System.Text;
using Campaigns.Calendar;
using Campaigns.Core.Documents;
using Campaigns.Core.Plans;
using Campaigns.Core.Statistics;
using Campaigns.Core.Timeline;
using Campaigns.Documents;
using Campaigns.Storage;

namespace Campaigns.Cli;

public static class StatisticsCommand
{
    public static Command Create()
    {
        var plan = new Option<FileInfo>("--plan") { Description = "plan file (YAML)", Required = true };
        var campaign = new Option<string?>("--campaign") { Description = "campaign id; without it the office-year's 汇总表 over every drawn campaign" };
        var format = new Option<string>("--format") { Description = "html (print), xlsx or csv", Required = true }.AcceptOnlyFromAmong("html", "xlsx", "csv");
        var output = new Option<FileInfo>("--out") { Description = "file to write", Required = true };
        var command = new Command("statistics", "The statistics table (统计表) of a campaign, or the office-year's summary (汇总表), from the results in the store.")
        {
            plan, campaign, format, output,
        };
        command.SetAction(parse => CliServices.Run(services =>
            Write(services, parse.GetValue(plan)!, parse.GetValue(campaign), parse.GetValue(format)!, parse.GetValue(output)!)));
        return command;
    }

    public static int Write(IServiceProvider services, FileInfo planFile, string? campaignId, string format, FileInfo output)
    {
        var read = ValidateCommand.Read(planFile);
        if (read.Plan is not { } plan)
        {
            read.Problems.ToList().ForEach(p => Console.Error.WriteLine(p.ToString()));
            return 1;
        }
        var table = Table(services, plan, campaignId, planFile);
        if (table is null)
        {
            return 1;
        }
        var bytes = format switch
        {
            "xlsx" => StatisticsWorkbook.Write(table),
            "csv" => StatisticsCsv.Write(table),
            _ => Encoding.UTF8.GetBytes(services.GetRequiredService<TemplateSet>().Render("summary-report.html", DocumentModels.SummaryReport(table))),
        };
        if (output.DirectoryName is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllBytes(output.FullName, bytes);
        Console.WriteLine($"已写入{output}：{table.Title}，{table.Campaigns}次抽查，{table.Departments.Count}个部门，检查结果{table.Total.Results}条。");
        return 0;
    }

    /// <summary>Null, with the reason on stderr, when there is nothing to count (unknown or not yet drawn campaign).</summary>
    private static StatisticsTable? Table(IServiceProvider services, AnnualPlan plan, string? campaignId, FileInfo planFile)
    {
        var options = services.Options();
        var store = services.GetRequiredService<CampaignStore>();
        var timeline = CampaignTimeline.For(plan, CalendarFiles.Load(options.Resolve(options.Calendar)));
        CampaignResults? Results(CampaignPlan campaign) => store.Draw(campaign.Id) is { } draw
            ? new CampaignResults(campaign, draw, store.Results(campaign.Id),
                timeline.Single(m => m.CampaignId == campaign.Id && m.Kind == MilestoneKind.ResultEntryDeadline).Date)
            : null;
        if (campaignId is null)
        {
            // A campaign cancelled after its draw was never inspected: it has nothing to add to the year.
            return StatisticsTable.ForYear(plan, [.. plan.Campaigns.Where(c => c.CancelledReason is null).Select(Results).OfType<CampaignResults>()]);
        }
        if (!plan.Campaigns.Any(c => c.Id == campaignId))
        {
            Console.Error.WriteLine($"{planFile}:1:1: 年度抽查计划中没有抽查任务“{campaignId}”");
            return null;
        }
        if (Results(plan.Campaign(campaignId)) is not { } one)
        {
            Console.Error.WriteLine($"{planFile}:1:1: 抽查任务“{campaignId}”尚未完成双随机抽取，没有可统计的检查结果");
            return null;
        }
        return StatisticsTable.ForCampaign(plan, one);
    }
}
