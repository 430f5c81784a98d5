using Campaigns.Core.Documents;
using Campaigns.Core.Results;
using Campaigns.Core.Statistics;

namespace Campaigns.Documents;

/// <summary>
/// A statistics table as an Excel workbook (.xlsx) for offices that sum figures up the line: sheets 统计表 (the annex
/// columns and the on-time rate), 结果分布 (results per code and department) and 说明 (title, office, period, note).
/// Figures are numeric cells, the rate a number formatted as a percentage; the header row is frozen. The same table
/// always gives the same bytes: zip entry times are fixed, so a rewritten report hashes as before.
/// </summary>
public static class StatisticsWorkbook
{
    public const string TableSheet = "统计表";
    public const string CodesSheet = "结果分布";
    public const string NotesSheet = "说明";

    public static byte[] Write(StatisticsTable table)
    {
        var lines = table.Departments.Append(table.Total).ToList();
        var codes = Enum.GetValues<ResultCode>();
        return Workbook.Write(
        [
            new WorkbookSheet(TableSheet,
                [StatisticsColumns.Department, .. StatisticsColumns.Figures.Select(c => c.Header), StatisticsColumns.OnTimeRate],
                [24, .. StatisticsColumns.Figures.Select(_ => 12d), 12],
                [.. lines.Select(l => (IReadOnlyList<object?>)[l.Department, .. StatisticsColumns.Figures.Select(c => (object)c.Value(l)), l.OnTimeRate])]),
            new WorkbookSheet(CodesSheet,
                ["编号", "检查结果", .. table.Departments.Select(d => $"{d.Department}（条）"), "合计（条）"],
                [8, 40, .. table.Departments.Select(_ => 16d), 12],
                [.. codes.Select(c => (IReadOnlyList<object?>)[(int)c, c.ChineseName(), .. lines.Select(l => (object)l.Count(c))])]),
            new WorkbookSheet(NotesSheet, ["项目", "内容"], [16, 100],
            [
                ["标题", table.Title],
                ["报表单位", table.OfficeName],
                ["检查时间", table.Period],
                ["统计截至", ChineseDates.Format(table.AsOf)],
                ["说明", StatisticsTable.Note],
            ]),
        ]);
    }
}
