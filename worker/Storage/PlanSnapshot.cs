using Campaigns.Core.Engine;

namespace Campaigns.Storage;

/// <summary>
/// What a tick of one plan read, in one batch: the plan's version (see <see cref="CampaignStore.PlanVersion"/>), the facts
/// for the engine, and what is stored of the campaigns' states and the active flags, so that a tick that would write
/// nothing can skip its transaction. <see cref="Fingerprint"/> was read before the facts: while the store's stays equal, so do they.
/// </summary>
public sealed record PlanSnapshot(
    long Version, OfficeFacts Facts, IReadOnlyDictionary<string, string> StoredStates, IReadOnlyDictionary<string, string> ActiveFlagDetails,
    FactsFingerprint Fingerprint = default)
{
    /// <summary>True when applying the outcome would change no row: no move, draw, document or message, and the same flags (detail and since).</summary>
    public bool Unchanged(TickOutcome outcome, int documents, int messages) =>
        !outcome.Transitions.Any() && documents == 0 && messages == 0
        && outcome.Campaigns.All(c => c.NewDraw is null && Holds(c))
        && outcome.Flags.Count == ActiveFlagDetails.Count
        && outcome.Flags.All(f => ActiveFlagDetails.TryGetValue(f.Key, out var detail) && detail == f.Detail
            && Facts.FlagsSince is { } since && since.TryGetValue(f.Key, out var stored) && stored == f.Since);

    /// <summary>True when the store already holds <paramref name="campaign"/> in the state the tick leaves it in.</summary>
    public bool Holds(CampaignOutcome campaign) =>
        StoredStates.TryGetValue(campaign.CampaignId, out var state) && state == campaign.State.ToString();
}
