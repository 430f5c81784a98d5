namespace Campaigns.Core.Documents;

/// <summary>
/// 一企一表: one 联合抽查情况记录表 per drawn entity (seed 001 annex 1, seed 003 annex 2), a page each. The campaign's check
/// items and each group's inspectors are the same on every page they appear on, so the model holds them once and a page
/// names its group: the template writes those rows once and places them on each page (a province's draw day prints
/// 100,000 pages).
/// </summary>
public sealed record InspectionRecordForm(
    string Title,
    string CampaignName,
    IReadOnlyList<DepartmentItems> Items,
    IReadOnlyList<InspectionRecordForm.Group> Groups,
    IReadOnlyList<InspectionRecordForm.Page> Pages,
    IReadOnlyList<InspectionRecordForm.Code> Legend)
{
    public sealed record Group(int Number, IReadOnlyList<Inspector> Inspectors);

    public sealed record Page(int Number, string EntityName, string Uscc, string LegalRepresentative, string Address, int Group);

    public sealed record Inspector(string Name, string Department, string CertificateNumber, string Role);

    public sealed record Code(int Value, string Name);
}
