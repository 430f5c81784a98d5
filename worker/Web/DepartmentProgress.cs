using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Web;

/// <summary>One department's results in one campaign: entered and owed (every drawn entity times each of its check items).</summary>
public sealed record DepartmentProgress(string DepartmentId, string Name, int Entered, int Owed)
{
    public bool Complete => Entered >= Owed;

    public static IReadOnlyList<DepartmentProgress> Of(AnnualPlan plan, CampaignPlan campaign, Draw? draw, IReadOnlyList<ResultEntry> results) =>
        [.. campaign.AllDepartments.Select(plan.Department).Select(d => new DepartmentProgress(
            d.Id,
            d.Name,
            results.Where(r => r.DepartmentId == d.Id).Select(r => (r.Uscc, r.Item)).Distinct().Count(),
            (draw?.Entities.Count ?? 0) * Math.Max(1, campaign.Items.GetValueOrDefault(d.Id)?.Count ?? 0)))];
}
