using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Core.Engine;

public static class MissingResults
{
    /// <summary>
    /// Per department of the campaign (lead first), the drawn entities it has entered no result for.
    /// Departments with nothing missing are left out, so an empty answer means results are complete.
    /// </summary>
    public static IReadOnlyList<(string DepartmentId, IReadOnlyList<DrawnEntity> Entities)> Of(
        CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results)
    {
        var entered = results.Select(r => (r.DepartmentId, r.Uscc)).ToHashSet();
        return [.. campaign.AllDepartments
            .Select(d => (DepartmentId: d, Entities: (IReadOnlyList<DrawnEntity>)[.. draw.Entities.Where(e => !entered.Contains((d, e.Uscc)))]))
            .Where(m => m.Entities.Count > 0)];
    }
}
