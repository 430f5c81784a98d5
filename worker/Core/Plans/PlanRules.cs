namespace Campaigns.Core.Plans;

/// <summary>
/// The numeric rules from RULES.md. Every one is a default the office may override in `rules:`,
/// and a campaign may override again in its own `rules:`; the parser resolves the effective set.
/// </summary>
public sealed record PlanRules(
    int ResultEntryWorkingDays = 20,
    int PublicityWorkingDays = 15,
    int MaxJointChecksPerEntityPerYear = 2,
    int MinInspectorsPerEntity = 2)
{
    public static PlanRules Default { get; } = new();
}
