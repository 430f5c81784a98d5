using Campaigns.Core.Results;

namespace Campaigns.Core.Statistics;

/// <summary>
/// One line of the 统计表 (seed 002 annex): a department's figures, or the total (<see cref="DepartmentId"/> null).
/// Columns in 户 count entities, so in the total an entity checked by three departments counts once; 发现问题事项 (项)
/// counts results. <see cref="CodeCounts"/> holds the results per code, code 1 first.
/// </summary>
public sealed record StatisticsLine(
    string? DepartmentId,
    string Department,
    int EntitiesChecked,
    int InspectorsDrawn,
    int QuestionsAnswered,
    int ProblemItems,
    int EntitiesWithProblems,
    int AdministrativeGuidance,
    int ToListAbnormal,
    int ToFileCases,
    IReadOnlyList<int> CodeCounts,
    int Results,
    int EnteredOnTime)
{
    public int Count(ResultCode code) => CodeCounts[(int)code - 1];

    /// <summary>Share of results entered on or before the result-entry deadline; null without results (no rate, not 0 %).</summary>
    public decimal? OnTimeRate => Results == 0 ? null : Math.Round((decimal)EnteredOnTime / Results, 4);
}
