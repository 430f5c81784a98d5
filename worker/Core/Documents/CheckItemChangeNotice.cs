namespace Campaigns.Core.Documents;

/// <summary>The changed check-item list (抽查事项清单调整) the office makes public within 10 working days (004 §8).</summary>
public sealed record CheckItemChangeNotice(
    string Title, string OfficeName, int Year, string ChangedOn, int WorkingDays, string Due, IReadOnlyList<CheckItemChangeNotice.Row> Departments)
{
    /// <summary>One department: what was added and removed, and its whole list as it now stands.</summary>
    public sealed record Row(string Department, string Added, string Removed, string Current);
}
