using System.Collections.Concurrent;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;

namespace Campaigns.Storage;

/// <summary>
/// Each plan's facts as last read, with the <see cref="FactsFingerprint"/> read before them: a tick (and simulate, which reads
/// them again to enter results) reads the fingerprint and keeps the facts while it has not moved, instead of some dozen
/// statements and their rows. Process memory only as a copy: whether it is still good is always the store's to say.
/// </summary>
internal sealed class FactsCache
{
    private readonly ConcurrentDictionary<string, PlanSnapshot> _plans = new(StringComparer.Ordinal);

    /// <summary>
    /// What the facts read for <paramref name="plan"/> depend on besides the store: its key and campaigns, its office's
    /// folder (the publication path) and time zone (dead letters' dates). An edited plan with other campaigns reads afresh.
    /// </summary>
    public static string Shape(AnnualPlan plan) =>
        $"{plan.Key}\n{CampaignEngine.PlanPublicationPath(plan)}\n{plan.Office.TimeZone}\n{string.Join("\n", plan.Campaigns.Select(c => c.Id))}";

    public PlanSnapshot? Find(string shape) => _plans.GetValueOrDefault(shape);

    public void Keep(string shape, PlanSnapshot snapshot) => _plans[shape] = snapshot;
}
