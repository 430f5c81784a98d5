namespace Campaigns.Core.Plans;

/// <summary>
/// One office's annual spot-check plan (年度抽查计划) for one year, as the admin wrote it in YAML.
/// Built only by the plan parser, after validation, so every reference in it resolves.
/// </summary>
public sealed record AnnualPlan(
    int Year,
    Office Office,
    IReadOnlyList<Contact> Leaders,
    IReadOnlyList<Department> Departments,
    PlanRules Rules,
    IReadOnlyList<CampaignPlan> Campaigns,
    string SourcePath,
    BreachReportPolicy? BreachReports = null)
{
    /// <summary>How leaders hear of breaches: daily unless the plan says weekly; escalation only when configured.</summary>
    public BreachReportPolicy Breach => BreachReports ?? BreachReportPolicy.Default;

    /// <summary>A stable key for the office-year, used for office-level flags and deliveries.</summary>
    public string Key => $"{Year}:{Office.Name}";

    public Department Department(string id) =>
        Departments.FirstOrDefault(d => d.Id == id)
        ?? throw new KeyNotFoundException($"Plan {SourcePath} has no department '{id}'.");

    public CampaignPlan Campaign(string id) =>
        Campaigns.FirstOrDefault(c => c.Id == id)
        ?? throw new KeyNotFoundException($"Plan {SourcePath} has no campaign '{id}'.");
}
