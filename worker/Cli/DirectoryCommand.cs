using System.CommandLine;
using Campaigns.Core.Directories;
using Campaigns.Core.Sheets;
using Campaigns.Operations;

namespace Campaigns.Cli;

/// <summary>
/// `directory import FILE`: checks an export of the entity or inspector directory (CSV or XLSX) row by row, inspectors'
/// 单位 against the plans' departments, and only when every row is good stores it, as exported, where the worker
/// reads the directories. One bad row imports nothing; the worker keeps using what it had.
/// </summary>
public static class DirectoryCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "entities or inspectors, .csv or .xlsx, with the platform's Chinese headers" };
        var kind = new Option<string?>("--kind") { Description = "entities or inspectors (default: told by the headers)" };
        kind.AcceptOnlyFromAmong("entities", "inspectors");
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "accept a file with headers and no rows, emptying that directory" };
        var import = new Command("import", "Check a directory export and, when every row is good, make it the directory the worker draws from.") { file, kind, allowEmpty };
        import.SetAction(parse => CliServices.Run(services => Import(services, parse.GetValue(file)!, parse.GetValue(kind), parse.GetValue(allowEmpty))));
        return new Command("directory", "The two directories (检查对象名录库, 执法检查人员名录库).") { import };
    }

    public static int Import(IServiceProvider services, FileInfo file, string? kind, bool allowEmpty = false)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file}: 文件不存在");
            return 1;
        }
        var path = file.ToString();
        var extension = file.Extension.ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            Console.Error.WriteLine($"{path}: 只能导入 .csv 或 .xlsx 文件");
            return 1;
        }
        // Checked before reading: a file over the limit is not read into memory at all.
        if (file.Length > SheetLimits.Default.MaxFileBytes)
        {
            Console.Error.WriteLine($"{path}:1:1: 文件大小 {(file.Length + (1 << 20) - 1) >> 20} MB，超过导入上限 {SheetLimits.Default.MaxFileBytes >> 20} MB，未读取");
            return 1;
        }
        var content = File.ReadAllBytes(file.FullName);
        var loaded = Sheet.Load(content, path);
        if (loaded.Sheet is not { } sheet)
        {
            Console.Error.WriteLine(loaded.Problem!.ToString());
            Console.Error.WriteLine($"名录库未作任何更改：{path} 无法读取");
            return 1;
        }
        kind ??= DirectorySheet.KindOf(sheet);
        if (kind is null)
        {
            Console.Error.WriteLine($"{path}:1:1: 表头既不是检查对象名录（应有“统一社会信用代码”）也不是执法检查人员名录（应有“执法证号”）；可用 --kind 指定");
            return 1;
        }

        var options = services.Options();
        var plans = services.Plans();
        string summary;
        IReadOnlyList<DirectoryProblem> problems;
        int rows;
        if (kind == "entities")
        {
            var read = DirectorySheet.ReadEntities(sheet, path);
            problems = read.Problems;
            rows = read.Rows.Count;
            summary = $"检查对象名录库：{read.Rows.Count}户，其中可抽取（存续）{read.Rows.Count(e => e.Status == EntityStatus.Active)}户；信用风险分类 " +
                string.Join("、", read.Rows.GroupBy(e => e.RiskClass).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}户"));
        }
        else
        {
            HashSet<string>? departments = plans.Count == 0 ? null : [.. plans.SelectMany(p => p.Departments).SelectMany(d => new[] { d.Id, d.Name })];
            var read = DirectorySheet.ReadInspectors(sheet, path, departments);
            problems = read.Problems;
            rows = read.Rows.Count;
            var today = services.Today(plans.FirstOrDefault());
            var unqualified = read.Rows.Where(i => !i.IsQualifiedOn(today)).ToList();
            summary = $"执法检查人员名录库：{read.Rows.Count}名" + (unqualified.Count == 0 ? "" :
                $"；其中{unqualified.Count}名执法证已过期或未填有效期（{string.Join("、", unqualified.Select(i => $"{i.Name} {i.CertificateNumber}"))}），保留在名录库中但不参与抽取");
            if (departments is null)
            {
                summary += "；未找到年度抽查计划，未核对单位";
            }
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem.ToString());
            }
            Console.Error.WriteLine($"名录库未作任何更改：{path} 有{problems.Count}处问题，改正后重新导入");
            return 1;
        }
        // A header-only export (a filter left on, the wrong sheet) would empty a good directory: that takes --allow-empty.
        if (rows == 0 && !allowEmpty)
        {
            Console.Error.WriteLine($"{path}:2:1: 文件只有表头，没有任何{(kind == "entities" ? "检查对象" : "执法检查人员")}：导入将清空现有名录库。名录库未作任何更改；确需清空时加 --allow-empty");
            return 1;
        }

        // Stored as exported; written beside the target and renamed over it, so the worker never reads half a file.
        var folder = options.Resolve(options.Directories);
        OwnerOnly.CreateFolder(folder);
        var target = Path.Combine(folder, kind + extension);
        var temporary = target + ".importing";
        OwnerOnly.WriteAllBytes(temporary, content);
        File.Move(temporary, target, overwrite: true);
        var other = Path.Combine(folder, kind + (extension == ".csv" ? ".xlsx" : ".csv"));
        if (File.Exists(other))
        {
            File.Delete(other);
        }
        Console.WriteLine($"已导入{summary} → {target}");
        return 0;
    }
}
