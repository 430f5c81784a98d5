namespace Campaigns.Core.Documents;

/// <summary>
/// 部门联合抽查统计表 (seed 002 annex) per department and in total, the result-code distribution, and the
/// on-time rate; figures the results cannot give yet (on-site questions, guidance) stay 0 until recorded.
/// </summary>
public sealed record SummaryReport(
    string Title, string OfficeName, string CampaignName, string Window, IReadOnlyList<SummaryReport.Line> Lines, SummaryReport.Line Total,
    IReadOnlyList<SummaryReport.CodeCount> Codes, string OnTimeRate, string Date)
{
    public sealed record Line(
        string Department, int EntitiesChecked, int InspectorsDrawn, int QuestionsAnswered, int ProblemItems, int EntitiesWithProblems,
        int AdministrativeGuidance, int ToListAbnormal, int ToFileCases);

    public sealed record CodeCount(int Code, string Name, int Count);
}
