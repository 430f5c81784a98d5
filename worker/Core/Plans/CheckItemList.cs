namespace Campaigns.Core.Plans;

/// <summary>
/// A plan's check-item list (抽查事项清单, 004 §7): per department, every item it checks in any of the plan's campaigns, in
/// plan order. An item moved from one campaign to another is no change to the list; an item added or dropped is (004 §8).
/// </summary>
public static class CheckItemList
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(AnnualPlan plan)
    {
        var list = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var campaign in plan.Campaigns)
        {
            foreach (var (department, items) in campaign.Items)
            {
                var own = list.TryGetValue(department, out var known) ? known : list[department] = [];
                own.AddRange(items.Where(i => !own.Contains(i)));
            }
        }
        return list.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>; null when the lists are the same.</summary>
    public static CheckItemChange? Between(AnnualPlan before, AnnualPlan after)
    {
        var old = Of(before);
        var now = Of(after);
        var departments = after.Departments.Select(d => d.Id).Concat(old.Keys).Concat(now.Keys).Distinct(StringComparer.Ordinal);
        List<CheckItemChange.Department> changed =
        [
            .. departments
                .Select(d => (Id: d, Old: old.GetValueOrDefault(d) ?? [], New: now.GetValueOrDefault(d) ?? []))
                .Select(d => new CheckItemChange.Department(d.Id, [.. d.New.Except(d.Old)], [.. d.Old.Except(d.New)]))
                .Where(d => d.Added.Count > 0 || d.Removed.Count > 0),
        ];
        return changed.Count == 0 ? null : new CheckItemChange(changed);
    }
}
