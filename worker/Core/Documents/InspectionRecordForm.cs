namespace Campaigns.Core.Documents;

/// <summary>一企一表: one 联合抽查情况记录表 per drawn entity (seed 001 annex 1, seed 003 annex 2), a page each.</summary>
public sealed record InspectionRecordForm(string Title, string CampaignName, IReadOnlyList<InspectionRecordForm.Page> Pages, IReadOnlyList<InspectionRecordForm.Code> Legend)
{
    public sealed record Page(int Number, string EntityName, string Uscc, string LegalRepresentative, string Address,
        IReadOnlyList<Inspector> Inspectors, IReadOnlyList<DepartmentItems> Items);

    public sealed record Inspector(string Name, string Department, string CertificateNumber, string Role);

    public sealed record Code(int Value, string Name);
}
