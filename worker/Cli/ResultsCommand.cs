using System.CommandLine;
using Campaigns.Core.Results;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

public static class ResultsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "results sheet (CSV)" };
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var import = new Command("import", "Enter a campaign's results from a CSV sheet; a sheet with any bad row enters nothing.") { file, campaign };
        import.SetAction(parse =>
        {
            using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            return Import(host.Services, parse.GetValue(file)!, parse.GetValue(campaign)!);
        });
        return new Command("results", "Inspection results (检查结果).") { import };
    }

    public static int Import(IServiceProvider services, FileInfo file, string campaignId)
    {
        var options = services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        var store = services.GetRequiredService<CampaignStore>();
        var plan = services.GetRequiredService<PlanCatalog>().Load(options.Resolve(options.Plans))
            .FirstOrDefault(p => p.Campaigns.Any(c => c.Id == campaignId));
        if (plan is null)
        {
            Console.Error.WriteLine($"{file}:1:1: 年度抽查计划中没有抽查任务“{campaignId}”");
            return 1;
        }
        if (store.Draw(campaignId) is not { } draw)
        {
            Console.Error.WriteLine($"{file}:1:1: 抽查任务“{campaignId}”尚未完成双随机抽取，不能录入检查结果");
            return 1;
        }
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file}:1:1: 找不到文件");
            return 1;
        }
        var today = TickService.OfficeDate(services.GetRequiredService<TimeProvider>().GetUtcNow(), plan.Office.TimeZone);
        var outcome = ResultImport.Read(File.ReadAllText(file.FullName), file.ToString(), plan, plan.Campaign(campaignId), draw, store.Results(campaignId), today);
        foreach (var problem in outcome.Problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }
        if (outcome.Problems.Count > 0)
        {
            Console.Error.WriteLine("未录入任何结果：请改正以上问题后重新导入。");
            return 1;
        }
        var added = store.AddResults(outcome.Entries, $"import:{file.Name}");
        Console.WriteLine($"已录入{added}条检查结果（{outcome.Entries.Count - added}条此前已录入）。");
        return 0;
    }
}
