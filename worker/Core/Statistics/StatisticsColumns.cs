namespace Campaigns.Core.Statistics;

/// <summary>The 统计表's columns with the seed 002 annex headers, in its order, for every tabular copy (CSV, workbook).</summary>
public static class StatisticsColumns
{
    public sealed record Column(string Header, Func<StatisticsLine, int> Value);

    public const string Department = "部门";

    public const string OnTimeRate = "按期录入率";

    public static readonly IReadOnlyList<Column> Figures =
    [
        new("随机抽查企业（户）", l => l.EntitiesChecked),
        new("随机抽取执法人员（人）", l => l.InspectorsDrawn),
        new("现场解答疑难问题（户）", l => l.QuestionsAnswered),
        new("发现问题事项（项）", l => l.ProblemItems),
        new("发现问题企业（个）", l => l.EntitiesWithProblems),
        new("行政指导（户）", l => l.AdministrativeGuidance),
        new("应列异常名录（户）", l => l.ToListAbnormal),
        new("涉嫌违法应立案调查（户）", l => l.ToFileCases),
        new("检查结果（条）", l => l.Results),
        new("按期录入（条）", l => l.EnteredOnTime),
    ];
}
