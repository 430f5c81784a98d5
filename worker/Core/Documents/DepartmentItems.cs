namespace Campaigns.Core.Documents;

/// <summary>One department's check items (抽查事项) in a campaign, as a line of a document.</summary>
public sealed record DepartmentItems(string Department, IReadOnlyList<string> Items)
{
    public string Joined => string.Join("、", Items);
}
