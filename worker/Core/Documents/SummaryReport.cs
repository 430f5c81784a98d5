namespace Campaigns.Core.Documents;

/// <summary>
/// The printed 统计表 (seed 002 annex) of a campaign, or 汇总表 of an office-year, as <see cref="Statistics.StatisticsTable"/>
/// computes it: per department and in total, the result-code distribution per department, the on-time rate, two
/// inline SVG charts (<see cref="CodeChart"/>, <see cref="OnTimeChart"/>, markup to place as it is) and the note on how
/// the columns the results cannot give were filled; <see cref="Summary"/> is the 工作总结 skeleton with the figures filled in.
/// </summary>
public sealed record SummaryReport(
    string Title, string OfficeName, string Window, IReadOnlyList<SummaryReport.Line> Lines, SummaryReport.Line Total,
    IReadOnlyList<string> Departments, IReadOnlyList<SummaryReport.CodeRow> Codes, IReadOnlyList<SummaryReport.OnTimeLine> OnTime,
    string OnTimeRate, string CodeChart, string OnTimeChart, string Note, string Date, IReadOnlyList<string> Summary)
{
    public sealed record Line(
        string Department, int EntitiesChecked, int InspectorsDrawn, int QuestionsAnswered, int ProblemItems, int EntitiesWithProblems,
        int AdministrativeGuidance, int ToListAbnormal, int ToFileCases);

    /// <summary>One result code: its results per department (in <see cref="Departments"/> order) and in total.</summary>
    public sealed record CodeRow(int Code, string Name, IReadOnlyList<int> Counts, int Count);

    /// <summary><see cref="Rate"/> reads 无检查结果 for a department with nothing entered, rather than a misleading 0%.</summary>
    public sealed record OnTimeLine(string Department, int Results, int EnteredOnTime, string Rate);
}
