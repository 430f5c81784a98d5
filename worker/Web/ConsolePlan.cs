using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Web;

/// <summary>
/// One plan file as the console shows it: its slug in addresses (the file name without extension), the plan that runs
/// (the file's own, or its last good version when the file has errors), and the file's problems at line:column.
/// </summary>
public sealed record ConsolePlan(string File, string Slug, AnnualPlan? Plan, IReadOnlyList<PlanProblem> Problems, LastGoodPlan? LastGood)
{
    /// <summary>True when the file has errors and its last good version is what runs.</summary>
    public bool RunsLastGood => Plan is not null && Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
