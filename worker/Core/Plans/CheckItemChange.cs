namespace Campaigns.Core.Plans;

/// <summary>How a published plan's check-item list (抽查事项清单) changed between two versions, per department (004 §8).</summary>
public sealed record CheckItemChange(IReadOnlyList<CheckItemChange.Department> Departments)
{
    /// <summary>One department's items added and removed, each in plan order.</summary>
    public sealed record Department(string DepartmentId, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);
}
