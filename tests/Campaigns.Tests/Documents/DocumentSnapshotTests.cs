using Campaigns.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Documents;

/// <summary>
/// Every template rendered from <see cref="SampleDocuments"/> and compared with its reviewed snapshot in
/// Documents/Snapshots; a wording change shows up as a diff a person reads before accepting it.
/// </summary>
public class DocumentSnapshotTests
{
    private static readonly TemplateSet Templates = TemplateSet.Load(Repository.Path("templates"));

    public static TheoryData<string> Names => [.. SampleDocuments.Models().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_SampleCampaign_MatchesReviewedSnapshot(string name) =>
        Snapshot.Match(Templates.Render(name, SampleDocuments.Models()[name]), name);

    [Fact]
    public void Snapshots_CoverEveryTemplate()
    {
        // The console's pages (web-*) are rendered from live data and checked in the browser tests (tests/Web), not here.
        Templates.Names.Where(n => !n.StartsWith("web-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBe(SampleDocuments.Models().Keys.Order(StringComparer.Ordinal));
    }
}
