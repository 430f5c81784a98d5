namespace Campaigns.Core.Plans;

/// <summary>The outcome of reading a plan: the plan when it has no errors, and every problem found.</summary>
public sealed record PlanLoadResult(AnnualPlan? Plan, IReadOnlyList<PlanProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
