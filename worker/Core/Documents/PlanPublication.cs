namespace Campaigns.Core.Documents;

/// <summary>年度抽查计划公示: the plan as published, with the check items per department (004 §7).</summary>
public sealed record PlanPublication(string Title, string OfficeName, int Year, string PublishBy, IReadOnlyList<PlanPublication.CampaignEntry> Campaigns)
{
    public sealed record CampaignEntry(
        int Number, string Name, string Lead, string Participants, string Scope, string Ratio, string DrawOn, string Window,
        string ResultDeadline, string Announce, IReadOnlyList<DepartmentItems> Items);
}
