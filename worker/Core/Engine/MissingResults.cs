using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Core.Engine;

public static class MissingResults
{
    /// <summary>
    /// Per department of the campaign (lead first), the drawn entities whose results it has not finished: an entity is
    /// done when a result stands for all the department's items (no 检查事项 given), or each of its items has one.
    /// Departments with nothing missing are left out, so an empty answer means results are complete.
    /// </summary>
    public static IReadOnlyList<(string DepartmentId, IReadOnlyList<DrawnEntity> Entities)> Of(
        CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results)
    {
        var entered = results.Select(r => (r.DepartmentId, r.Uscc, r.Item)).ToHashSet();
        bool Done(string department, string uscc) =>
            entered.Contains((department, uscc, null))
            || (campaign.Items.GetValueOrDefault(department) is { Count: > 0 } items && items.All(i => entered.Contains((department, uscc, i))));
        return [.. campaign.AllDepartments
            .Select(d => (DepartmentId: d, Entities: (IReadOnlyList<DrawnEntity>)[.. draw.Entities.Where(e => !Done(d, e.Uscc))]))
            .Where(m => m.Entities.Count > 0)];
    }
}
