namespace Campaigns.Core.Documents;

/// <summary>抽查结果公示 ("一抽查一通报", 001 (十一)): entity, department, items and result; no personal data.</summary>
public sealed record ResultsPublicity(string Title, string OfficeName, string CampaignName, string Window, IReadOnlyList<ResultsPublicity.Row> Rows, string Date)
{
    public sealed record Row(int Number, string EntityName, string Uscc, string Department, string Items, string Result);
}
