namespace Campaigns.Core.Documents;

/// <summary>
/// 关于抽调贵单位人员参加跨部门联合抽查的函 (seed 001, last page): asks a department to release its drawn staff
/// for the meeting and the inspection days.
/// </summary>
public sealed record DepartmentLetter(
    string Title, string OfficeName, string Department, string CampaignName, string DrawDate, int GroupSize, int DepartmentCount,
    IReadOnlyList<DepartmentLetter.Member> Drawn, string MeetingTime, string MeetingPlace, string WindowStart, string WindowEnd,
    string LeadName, string? ContactLine, string Date)
{
    public sealed record Member(string Name, string CertificateNumber, string Role);
}
