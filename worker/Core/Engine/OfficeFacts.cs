namespace Campaigns.Core.Engine;

/// <summary>What has been recorded for one plan: each campaign's facts, the documents already written, the dead letters.</summary>
public sealed record OfficeFacts(
    IReadOnlyDictionary<string, CampaignFacts> Campaigns, IReadOnlySet<string> IssuedDocuments, IReadOnlyList<DeadLetter>? DeadLetters = null)
{
    public static OfficeFacts None { get; } = new(new Dictionary<string, CampaignFacts>(), new HashSet<string>());

    public CampaignFacts For(string campaignId) => Campaigns.GetValueOrDefault(campaignId) ?? CampaignFacts.New(campaignId);
}
