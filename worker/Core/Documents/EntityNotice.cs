namespace Campaigns.Core.Documents;

/// <summary>检查通知书: tells a drawn entity before the visit (003 §20(二)), unless the campaign visits unannounced.</summary>
public sealed record EntityNotice(
    string Title, string OfficeName, string EntityName, string Uscc, string Address, string CampaignName, string Departments,
    string WindowStart, string WindowEnd, IReadOnlyList<DepartmentItems> Items, string LeadName, string? ContactLine, string Date);
