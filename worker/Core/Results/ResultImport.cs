using System.Globalization;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Sheets;

namespace Campaigns.Core.Results;

/// <summary>
/// Reads a results sheet (CSV or XLSX, Chinese headers) for one campaign. Required: 统一社会信用代码, 部门, 检查结果,
/// 检查日期; optional: 检查事项 (one of the department's items in the plan; empty = all of them), 现场解答疑难问题 (是/否), 检查人员 (执法证号, separated by ; or ；), 处理意见, 是否签字 (是/否), 拒签原因, 备注, and for a
/// correction of an entered result 更正理由 and 签字负责人. Every bad row is reported with its place; with any problem
/// nothing is returned, so nothing is entered.
/// </summary>
public static class ResultImport
{
    public static readonly string[] Headers = ["统一社会信用代码", "部门", "检查结果", "检查日期", "检查事项", "检查人员", "处理意见", "是否签字", "拒签原因", "现场解答疑难问题", "备注", "更正理由", "签字负责人"];

    /// <summary>Codes recorded when the visit could not be carried out in full (003 §21): no inspectors or signature needed.</summary>
    private static readonly ResultCode[] WithoutFullInspection = [ResultCode.UnreachableAtRegisteredAddress, ResultCode.SeriousRefusalToCooperate];

    public sealed record Outcome(IReadOnlyList<ResultEntry> Entries, IReadOnlyList<ResultCorrection> Corrections, IReadOnlyList<PlanProblem> Problems);

    public static Outcome Read(
        string csvText, string path, AnnualPlan plan, CampaignPlan campaign, Draw draw,
        IReadOnlyList<ResultEntry> alreadyEntered, DateOnly enteredOn) =>
        Sheet.ParseCsv(csvText, path) is var read && read.Sheet is { } sheet
            ? Read(sheet, path, plan, campaign, draw, alreadyEntered, enteredOn)
            : new Outcome([], [], [Unreadable(read.Problem!)]);

    /// <summary>The one problem of a sheet that could not be read at all, as a results problem.</summary>
    public static PlanProblem Unreadable(SheetProblem problem) => new(ProblemSeverity.Error, problem.Location, problem.Message);

    public static Outcome Read(
        Sheet sheet, string path, AnnualPlan plan, CampaignPlan campaign, Draw draw,
        IReadOnlyList<ResultEntry> alreadyEntered, DateOnly enteredOn)
    {
        var problems = new List<PlanProblem>();
        var entries = new List<ResultEntry>();
        var corrections = new List<ResultCorrection>();
        if (sheet.Headers.Count == 0)
        {
            return new Outcome([], [], [Problem(path, 1, 1, "文件为空：第一行应为表头")]);
        }
        int Column(string name) => sheet.Column(name);
        problems.AddRange(sheet.ShapeProblems(path, new Dictionary<string, string>()).Select(Unreadable));
        foreach (var missing in Headers[..4].Where(h => Column(h) < 0))
        {
            problems.Add(Problem(path, 1, 1, $"缺少表头“{missing}”"));
        }
        if (problems.Count > 0)
        {
            return new Outcome([], [], problems);
        }

        var drawn = draw.Entities.ToDictionary(e => e.Uscc);
        var previous = alreadyEntered.ToDictionary(r => (r.Uscc, r.DepartmentId, r.Item));
        var seen = new Dictionary<(string, string, string?), int>();
        foreach (var line in sheet.Rows)
        {
            var row = line.Line;
            // The template neutralised names that look like formulas (CsvField); a filled-in template gives them back.
            string Field(string name) => Column(name) >= 0 ? CsvField.Restored(line[Column(name)]) : "";
            string? Optional(string name) => Field(name) is { Length: > 0 } value ? value : null;
            PlanProblem At(string name, string message) => Problem(path, row, Column(name) + 1, message);
            var rowProblems = new List<PlanProblem>();

            var uscc = Field("统一社会信用代码");
            if (!drawn.ContainsKey(uscc))
            {
                rowProblems.Add(At("统一社会信用代码", $"“{uscc}”不是本次抽查（{campaign.Id}）抽取的检查对象"));
            }
            var departmentText = Field("部门");
            var department = campaign.AllDepartments.Select(plan.Department).FirstOrDefault(d => d.Id == departmentText || d.Name == departmentText);
            if (department is null)
            {
                rowProblems.Add(At("部门", $"“{departmentText}”不是本次抽查的参与部门"));
            }
            var codeOk = int.TryParse(Field("检查结果"), out var number) && number is >= 1 and <= 10;
            var code = (ResultCode)number;
            if (!codeOk)
            {
                rowProblems.Add(At("检查结果", $"检查结果“{Field("检查结果")}”无效，应为 1–10 的结果代码"));
            }
            var fullInspection = !codeOk || !WithoutFullInspection.Contains(code);
            var item = Optional("检查事项");
            if (item is not null && department is not null && !(campaign.Items.GetValueOrDefault(department.Id) ?? []).Contains(item))
            {
                rowProblems.Add(At("检查事项", $"“{item}”不是{department.Name}在本次抽查中的检查事项（应为：{string.Join("、", campaign.Items.GetValueOrDefault(department.Id) ?? [])}）"));
            }
            var dateOk = TryDate(Field("检查日期"), out var inspected);
            if (!dateOk)
            {
                rowProblems.Add(At("检查日期", $"检查日期“{Field("检查日期")}”无效，应为 YYYY-MM-DD"));
            }
            else if (!campaign.Window.Contains(inspected))
            {
                rowProblems.Add(At("检查日期", $"检查日期{inspected:yyyy-MM-dd}不在检查时间{campaign.Window.Start:yyyy-MM-dd}至{campaign.Window.End:yyyy-MM-dd}内"));
            }

            IReadOnlyList<string>? inspectors = null;
            if (Column("检查人员") >= 0)
            {
                inspectors = Field("检查人员").Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var group = draw.Groups.FirstOrDefault(g => g.EntityUsccs.Contains(uscc));
                if (inspectors.Count == 0 && fullInspection)
                {
                    rowProblems.Add(At("检查人员", "“检查人员”不能为空：填写实施检查的执法检查人员执法证号"));
                }
                foreach (var certificate in inspectors.Where(c => department is not null && group is not null
                    && !group.Members.Any(m => m.CertificateNumber == c && m.DepartmentId == department.Id)))
                {
                    rowProblems.Add(At("检查人员", $"执法证号“{certificate}”不是第{group!.Number}检查组中{department!.Name}的检查人员"));
                }
            }
            bool? signed = null;
            if (Column("是否签字") >= 0)
            {
                signed = Field("是否签字") switch { "是" => true, "否" => false, "" => null, _ => null };
                if (Field("是否签字") is { Length: > 0 } text && text is not ("是" or "否"))
                {
                    rowProblems.Add(At("是否签字", $"是否签字“{text}”无效，应为“是”或“否”"));
                }
                else if (signed is null && fullInspection)
                {
                    rowProblems.Add(At("是否签字", "“是否签字”不能为空：填写“是”，或填写“否”并写明拒签原因"));
                }
                else if (signed == false && Optional("拒签原因") is null)
                {
                    rowProblems.Add(At(Column("拒签原因") >= 0 ? "拒签原因" : "是否签字", "检查对象拒绝签字的，应在“拒签原因”中写明原因（002 五(二)2）"));
                }
            }

            if (Field("现场解答疑难问题") is { Length: > 0 } answered && answered is not ("是" or "否"))
            {
                rowProblems.Add(At("现场解答疑难问题", $"现场解答疑难问题“{answered}”无效，应为“是”或“否”（或留空）"));
            }
            if (department is not null && drawn.ContainsKey(uscc))
            {
                if (seen.TryGetValue((uscc, department.Id, item), out var firstRow))
                {
                    rowProblems.Add(At("部门", $"与第{firstRow}行重复：同一检查对象同一部门同一检查事项只能有一条结果"));
                }
                seen.TryAdd((uscc, department.Id, item), row);
                if (codeOk && previous.TryGetValue((uscc, department.Id, item), out var earlier) && earlier.Code != code)
                {
                    if (Optional("更正理由") is { } reason && Optional("签字负责人") is { } signedBy)
                    {
                        if (rowProblems.Count == 0)
                        {
                            corrections.Add(new ResultCorrection(campaign.Id, uscc, department.Id, earlier.Code, code, reason, signedBy, enteredOn, item));
                        }
                        continue;
                    }
                    rowProblems.Add(At("检查结果",
                        $"该结果已于{earlier.EnteredOn:yyyy-MM-dd}录入为{(int)earlier.Code}，不能直接修改；更正须填写“更正理由”和签字的主要负责人“签字负责人”（001 四(四)，003 §22）"));
                }
            }
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }
            entries.Add(new ResultEntry(campaign.Id, uscc, department!.Id, code, inspected, enteredOn, Optional("备注"),
                inspectors, Optional("处理意见"), signed, Optional("拒签原因"), item, Field("现场解答疑难问题") == "是"));
        }
        return problems.Count > 0 ? new Outcome([], [], problems) : new Outcome(entries, corrections, []);
    }

    /// <summary>
    /// YYYY-MM-DD as typed, or an Excel date cell, which arrives as its serial number (days since 1899-12-30; the
    /// template formats the column as a date, so a date picked in Excel is stored that way). Serials from 2000 to 2100.
    /// </summary>
    private static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 36526 and < 73051)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }
        return false;
    }

    private static PlanProblem Problem(string path, int row, int column, string message) =>
        new(ProblemSeverity.Error, new SourceLocation(path, row, column), message);
}
