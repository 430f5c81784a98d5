using System.Globalization;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Sheets;

namespace Campaigns.Core.Results;

/// <summary>
/// Reads a results sheet (CSV, Chinese headers: 统一社会信用代码, 部门, 检查结果, 检查日期, 备注) for one campaign.
/// Every bad row is reported with its place; with any problem nothing is returned, so nothing is entered.
/// </summary>
public static class ResultImport
{
    public static readonly string[] Headers = ["统一社会信用代码", "部门", "检查结果", "检查日期", "备注"];

    public sealed record Outcome(IReadOnlyList<ResultEntry> Entries, IReadOnlyList<PlanProblem> Problems);

    public static Outcome Read(
        string csvText, string path, AnnualPlan plan, CampaignPlan campaign, Draw draw,
        IReadOnlyList<ResultEntry> alreadyEntered, DateOnly enteredOn)
    {
        var problems = new List<PlanProblem>();
        var entries = new List<ResultEntry>();
        var sheet = Sheet.FromCsv(csvText);
        if (sheet.Headers.Count == 0)
        {
            return new Outcome([], [Problem(path, 1, 1, "文件为空：第一行应为表头")]);
        }
        int Column(string name) => sheet.Column(name);
        foreach (var missing in Headers[..4].Where(h => Column(h) < 0))
        {
            problems.Add(Problem(path, 1, 1, $"缺少表头“{missing}”"));
        }
        if (problems.Count > 0)
        {
            return new Outcome([], problems);
        }

        var drawn = draw.Entities.ToDictionary(e => e.Uscc);
        var previous = alreadyEntered.ToDictionary(r => (r.Uscc, r.DepartmentId));
        var seen = new Dictionary<(string, string), int>();
        foreach (var line in sheet.Rows)
        {
            var row = line.Line;
            string Field(string name) => line[Column(name)];
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
            var codeOk = int.TryParse(Field("检查结果"), out var code) && code is >= 1 and <= 10;
            if (!codeOk)
            {
                rowProblems.Add(At("检查结果", $"检查结果“{Field("检查结果")}”无效，应为 1–10 的结果代码"));
            }
            var dateOk = DateOnly.TryParseExact(Field("检查日期"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var inspected);
            if (!dateOk)
            {
                rowProblems.Add(At("检查日期", $"检查日期“{Field("检查日期")}”无效，应为 YYYY-MM-DD"));
            }
            else if (!campaign.Window.Contains(inspected))
            {
                rowProblems.Add(At("检查日期", $"检查日期{inspected:yyyy-MM-dd}不在检查时间{campaign.Window.Start:yyyy-MM-dd}至{campaign.Window.End:yyyy-MM-dd}内"));
            }
            if (department is not null && drawn.ContainsKey(uscc))
            {
                if (seen.TryGetValue((uscc, department.Id), out var firstRow))
                {
                    rowProblems.Add(At("部门", $"与第{firstRow}行重复：同一检查对象同一部门只能有一条结果"));
                }
                seen.TryAdd((uscc, department.Id), row);
                if (codeOk && previous.TryGetValue((uscc, department.Id), out var earlier) && (int)earlier.Code != code)
                {
                    rowProblems.Add(At("检查结果",
                        $"该结果已于{earlier.EnteredOn:yyyy-MM-dd}录入为{(int)earlier.Code}，不能直接修改；更正须经主要负责人签字（001 四(四)，003 §22）"));
                }
            }
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }
            var remarks = Column("备注") >= 0 ? Field("备注") : "";
            entries.Add(new ResultEntry(campaign.Id, uscc, department!.Id, (ResultCode)code, inspected, enteredOn, remarks.Length == 0 ? null : remarks));
        }
        return problems.Count > 0 ? new Outcome([], problems) : new Outcome(entries, []);
    }

    private static PlanProblem Problem(string path, int row, int column, string message) =>
        new(ProblemSeverity.Error, new SourceLocation(path, row, column), message);
}
