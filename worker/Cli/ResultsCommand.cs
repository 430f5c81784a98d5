using System.CommandLine;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;
using Campaigns.OfficeActions;
using Campaigns.Operations;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>
/// `results import|enter|template|history`: inspection results (检查结果) in, through one validation (ResultImport), so a
/// sheet and a single entry are held to the same rules; entered results are final and change only by correction.
/// </summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };

        var file = new Argument<FileInfo>("file") { Description = "results sheet (.csv or .xlsx)" };
        var import = new Command("import", "Enter a campaign's results from a CSV or XLSX sheet; a sheet with any bad row enters nothing.") { file, campaign };
        import.SetAction(parse => CliServices.Run(services => Import(services, parse.GetValue(file)!, parse.GetValue(campaign)!)));

        var fields = ResultImport.Headers.Select(h => (Header: h, Option: new Option<string?>(Flag(h)) { Description = h })).ToList();
        var enter = new Command("enter", "Enter (or, with --correction-reason and --signed-by, correct) one result; the same checks as a sheet row.") { campaign };
        fields.ForEach(f => enter.Options.Add(f.Option));
        enter.SetAction(parse => CliServices.Run(services =>
        {
            // One row built from the options, so a single entry goes through exactly the sheet's validation.
            var values = fields.Select(f => parse.GetValue(f.Option) ?? "").ToList();
            var sheet = new Sheet(ResultImport.Headers, [new Sheet.Row(2, values)]);
            return Enter(services, sheet, "命令行", parse.GetValue(campaign)!);
        }));

        var output = new Option<FileInfo>("--out") { Description = "where to write the sheet: .xlsx (with the code list as a second sheet) or .csv", Required = true };
        var template = new Command("template", "Write the sheet an office fills in: a row per drawn entity, department and check item, with the group's inspectors.") { campaign, output };
        template.SetAction(parse => CliServices.Run(services => Template(services, parse.GetValue(campaign)!, parse.GetValue(output)!)));

        var history = new Command("history", "Every result as entered and every correction after it, in order.") { campaign };
        history.SetAction(parse => CliServices.Run(services => History(services, parse.GetValue(campaign)!)));

        return new Command("results", "Inspection results (检查结果).") { import, enter, template, history };
    }

    /// <summary>The option for each sheet column: names an admin can type on any keyboard.</summary>
    private static string Flag(string header) => header switch
    {
        "统一社会信用代码" => "--entity",
        "部门" => "--department",
        "检查结果" => "--code",
        "检查日期" => "--date",
        "检查事项" => "--item",
        "检查人员" => "--inspectors",
        "处理意见" => "--opinion",
        "是否签字" => "--signed",
        "拒签原因" => "--refusal-reason",
        "现场解答疑难问题" => "--questions-answered",
        "备注" => "--remarks",
        "更正理由" => "--correction-reason",
        "签字负责人" => "--signed-by",
        _ => throw new ArgumentOutOfRangeException(nameof(header), header, null),
    };

    public static int Import(IServiceProvider services, FileInfo file, string campaignId)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file}:1:1: 找不到文件");
            return 1;
        }
        // Checked before reading: a file over the limit is not read into memory at all.
        if (file.Length > SheetLimits.Default.MaxFileBytes)
        {
            Console.Error.WriteLine($"{file}:1:1: 文件大小 {(file.Length + (1 << 20) - 1) >> 20} MB，超过导入上限 {SheetLimits.Default.MaxFileBytes >> 20} MB，未读取");
            return 1;
        }
        var (sheet, refused) = ResultsEntry.Load(File.ReadAllBytes(file.FullName), file.ToString());
        return sheet is null ? refused!.Print() : Enter(services, sheet, file.ToString(), campaignId);
    }

    private static int Enter(IServiceProvider services, Sheet sheet, string path, string campaignId)
    {
        if (Campaign(services, path, campaignId) is not var (plan, _))
        {
            return 1;
        }
        return ResultsEntry.Enter(services.GetRequiredService<CampaignStore>(), plan, campaignId, sheet, path, $"import:{Path.GetFileName(path)}", services.Today(plan)).Print();
    }

    private static int Template(IServiceProvider services, string campaignId, FileInfo output)
    {
        if (Campaign(services, output.ToString(), campaignId) is not var (plan, draw))
        {
            return 1;
        }
        OwnerOnly.CreateFolderOf(output.FullName);
        OwnerOnly.WriteAllBytes(output.FullName, ResultsEntry.Template(plan, campaignId, draw, output.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)));
        Console.WriteLine($"已生成检查结果录入表：{output}（{draw.Entities.Count}户，每个部门的每个检查事项一行）。检查结果代码：");
        foreach (var code in Enum.GetValues<ResultCode>())
        {
            Console.WriteLine($"  {(int)code,2} {code.ChineseName()}");
        }
        return 0;
    }

    private static int History(IServiceProvider services, string campaignId)
    {
        var store = services.GetRequiredService<CampaignStore>();
        var corrections = store.Corrections(campaignId).ToLookup(c => (c.Uscc, c.DepartmentId, c.Item));
        foreach (var entry in store.ResultsAsEntered(campaignId))
        {
            Console.WriteLine($"{entry.Uscc} {entry.DepartmentId}{(entry.Item is null ? "" : $"（{entry.Item}）")}: {entry.EnteredOn:yyyy-MM-dd} 录入 {(int)entry.Code} {entry.Code.ChineseName()}");
            foreach (var c in corrections[(entry.Uscc, entry.DepartmentId, entry.Item)])
            {
                Console.WriteLine($"    {c.CorrectedOn:yyyy-MM-dd} 更正 {(int)c.Previous} → {(int)c.Code} {c.Code.ChineseName()}；理由：{c.Reason}；签字负责人：{c.SignedBy}");
            }
        }
        return 0;
    }

    /// <summary>The campaign's plan and its draw as it stands (substitutions applied), or null after saying why.</summary>
    private static (AnnualPlan Plan, Draw Draw)? Campaign(IServiceProvider services, string path, string campaignId)
    {
        var store = services.GetRequiredService<CampaignStore>();
        var plan = services.PlanOf(campaignId);
        if (plan is null)
        {
            Console.Error.WriteLine($"{path}:1:1: 年度抽查计划中没有抽查任务“{campaignId}”");
            return null;
        }
        if (ResultsEntry.Drawn(store, campaignId) is not { } draw)
        {
            Console.Error.WriteLine(ResultsEntry.NotDrawn(path, campaignId));
            return null;
        }
        return (plan, draw);
    }
}
