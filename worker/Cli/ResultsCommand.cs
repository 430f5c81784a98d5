using System.CommandLine;
using System.Text;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;
using Campaigns.Documents;
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
        var loaded = Sheet.Load(File.ReadAllBytes(file.FullName), file.ToString());
        if (loaded.Sheet is not { } sheet)
        {
            Console.Error.WriteLine(loaded.Problem!.ToString());
            Console.Error.WriteLine("未录入任何结果：请改正以上问题后重新导入。");
            return 1;
        }
        return Enter(services, sheet, file.ToString(), campaignId);
    }

    private static int Enter(IServiceProvider services, Sheet sheet, string path, string campaignId)
    {
        var store = services.GetRequiredService<CampaignStore>();
        if (Campaign(services, path, campaignId) is not var (plan, draw))
        {
            return 1;
        }
        var today = services.Today(plan);
        var source = $"import:{Path.GetFileName(path)}";
        // Checked against the results as they stand inside the transaction that writes, so an import running at the same
        // time is either seen whole or waited for.
        var (outcome, added) = store.EnterResults(campaignId, source,
            entered => ResultImport.Read(sheet, path, plan, plan.Campaign(campaignId), draw, entered, today));
        foreach (var problem in outcome.Problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }
        if (outcome.Problems.Count > 0)
        {
            Console.Error.WriteLine("未录入任何结果：请改正以上问题后重新导入。");
            return 1;
        }
        Console.WriteLine($"已录入{added}条检查结果（{outcome.Entries.Count - added}条此前已录入）" +
            (outcome.Corrections.Count > 0 ? $"，更正{outcome.Corrections.Count}条（已记入更正记录）" : "") + "。");
        return 0;
    }

    private static int Template(IServiceProvider services, string campaignId, FileInfo output)
    {
        if (Campaign(services, output.ToString(), campaignId) is not var (plan, draw))
        {
            return 1;
        }
        var campaign = plan.Campaign(campaignId);
        // A row per entity, department and check item, so each item gets its own result; a department without listed
        // items gets one row. The office fills 检查结果, 检查日期 and the rest.
        List<IReadOnlyList<object?>> rows = [];
        foreach (var entity in draw.Entities)
        {
            var group = draw.Groups.First(g => g.EntityUsccs.Contains(entity.Uscc));
            foreach (var department in campaign.AllDepartments.Select(plan.Department))
            {
                var inspectors = string.Join(";", group.Members.Where(m => m.DepartmentId == department.Id).Select(m => m.CertificateNumber));
                foreach (var item in campaign.Items.GetValueOrDefault(department.Id) is { Count: > 0 } items ? items : [""])
                {
                    rows.Add([entity.Uscc, department.Name, "", "", item, inspectors, "", "", "", "", "", "", ""]);
                }
            }
        }
        OwnerOnly.CreateFolderOf(output.FullName);
        if (output.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            OwnerOnly.WriteAllBytes(output.FullName, Workbook.Write(
            [
                // 检查日期 as a date column, so a date picked in Excel is stored as one (the import accepts its serial).
                new WorkbookSheet("检查结果录入", ResultImport.Headers, [20, 18, 10, 12, 24, 28, 20, 10, 16, 16, 16, 16, 12],
                    [.. rows.Select(r => (IReadOnlyList<object?>)[.. r.Select((v, i) => ResultImport.Headers[i] == "检查日期" ? new WorkbookDate(null) : v)])]),
                new WorkbookSheet("结果代码", ["编号", "检查结果"], [8, 40], [.. Enum.GetValues<ResultCode>().Select(c => (IReadOnlyList<object?>)[(int)c, c.ChineseName()])]),
            ]));
        }
        else
        {
            var sheet = new StringBuilder("\uFEFF");
            CsvField.AppendLine(sheet, ResultImport.Headers);
            rows.ForEach(r => CsvField.AppendLine(sheet, r.Select(f => (string)f!)));
            OwnerOnly.WriteAllBytes(output.FullName, Encoding.UTF8.GetBytes(sheet.ToString()));
        }
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
        if (store.Draw(campaignId) is not { } draw)
        {
            Console.Error.WriteLine($"{path}:1:1: 抽查任务“{campaignId}”尚未完成双随机抽取，不能录入检查结果");
            return null;
        }
        return (plan, Substitutions.Apply(draw, store.Substitutions(campaignId)));
    }
}
