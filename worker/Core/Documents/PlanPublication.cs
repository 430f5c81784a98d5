namespace Campaigns.Core.Documents;

/// <summary>
/// 年度抽查计划公示: the plan as published, with the check items per department (004 §7). <see cref="Date"/> is the day
/// it was published (office.published_on), or the publish-by date while none is recorded.
/// </summary>
public sealed record PlanPublication(string Title, string OfficeName, int Year, string Date, IReadOnlyList<PlanPublication.CampaignEntry> Campaigns)
{
    public sealed record CampaignEntry(
        int Number, string Name, string Lead, string Participants, string Scope, string Ratio, string DrawOn, string Window,
        string ResultDeadline, string Announce, IReadOnlyList<DepartmentItems> Items);
}
