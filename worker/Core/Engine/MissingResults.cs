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
        CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results) =>
        // A draw is one campaign's, and its results are read again only when they change: asked every tick, counted once.
        Answers.Get(draw, campaign, results, () => Count(campaign, draw, results));

    private static readonly Remembered<Draw, IReadOnlyList<(string DepartmentId, IReadOnlyList<DrawnEntity> Entities)>> Answers = new();

    private static IReadOnlyList<(string DepartmentId, IReadOnlyList<DrawnEntity> Entities)> Count(
        CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results)
    {
        // Per department and entity, the items with a result, or null once a result stands for all of them. Keyed by
        // string: a set of (department, entity, item) tuples hashed three strings per probe, and this runs for every
        // campaign past its result deadline on every tick.
        var entered = new Dictionary<string, Dictionary<string, HashSet<string>?>>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            if (!entered.TryGetValue(r.DepartmentId, out var byEntity))
            {
                entered[r.DepartmentId] = byEntity = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
            }
            if (r.Item is null)
            {
                byEntity[r.Uscc] = null;
            }
            else if (!byEntity.TryGetValue(r.Uscc, out var items))
            {
                byEntity[r.Uscc] = new HashSet<string>(StringComparer.Ordinal) { r.Item };
            }
            else
            {
                items?.Add(r.Item);
            }
        }
        bool Done(string department, string uscc) =>
            entered.TryGetValue(department, out var byEntity) && byEntity.TryGetValue(uscc, out var items)
            && (items is null || (campaign.Items.GetValueOrDefault(department) is { Count: > 0 } required && required.All(items.Contains)));
        return [.. campaign.AllDepartments
            .Select(d => (DepartmentId: d, Entities: (IReadOnlyList<DrawnEntity>)[.. draw.Entities.Where(e => !Done(d, e.Uscc))]))
            .Where(m => m.Entities.Count > 0)];
    }
}
