namespace Campaigns.Core.Engine;

/// <summary>
/// What has been recorded for one plan: each campaign's facts, the documents already written, the dead letters, and the
/// day each active flag has applied since (by <see cref="OverdueFlag.Key"/>), which a flag keeps while it stays raised, and
/// the changes of the published plan's check-item list the store recorded (004 §8).
/// </summary>
public sealed record OfficeFacts(
    IReadOnlyDictionary<string, CampaignFacts> Campaigns, IReadOnlySet<string> IssuedDocuments, IReadOnlyList<DeadLetter>? DeadLetters = null,
    IReadOnlyDictionary<string, DateOnly>? FlagsSince = null, IReadOnlyList<RecordedCheckItemChange>? CheckItemChanges = null)
{
    public static OfficeFacts None { get; } = new(new Dictionary<string, CampaignFacts>(), new HashSet<string>());

    public CampaignFacts For(string campaignId) => Campaigns.GetValueOrDefault(campaignId) ?? CampaignFacts.New(campaignId);
}
