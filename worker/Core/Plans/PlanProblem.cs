namespace Campaigns.Core.Plans;

public enum ProblemSeverity { Error, Warning }

/// <summary>One thing wrong with a plan file, where it is, and what to do, in Chinese for the admin.</summary>
public sealed record PlanProblem(ProblemSeverity Severity, SourceLocation Location, string Message)
{
    public override string ToString() =>
        Severity == ProblemSeverity.Warning ? $"{Location}: 警告：{Message}" : $"{Location}: {Message}";
}
