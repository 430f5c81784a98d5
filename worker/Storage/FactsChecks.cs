namespace Campaigns.Storage;

/// <summary>
/// Every plan's version and each scope's part of the facts' fingerprint, read together once for a tick
/// (<see cref="CampaignStore.ReadFactsChecks"/>): a plan whose kept facts still match them needs no read of its own. A
/// province's quiet day made that check 200 times, a read for each plan.
/// </summary>
public sealed class FactsChecks(IReadOnlyDictionary<string, long> versions, IReadOnlyDictionary<string, FactsFingerprint> scopes)
{
    /// <summary>The plan's version; 0 before its first tick, as the store's own read answers.</summary>
    public long Version(string planKey) => versions.GetValueOrDefault(planKey);

    /// <summary>The fingerprint of the scopes' rows taken together: the changes and tokens added up, the last id the greatest.</summary>
    public FactsFingerprint Fingerprint(IEnumerable<string> factScopes)
    {
        var (changes, last, tokens) = (0L, 0L, 0L);
        foreach (var scope in factScopes.Distinct(StringComparer.Ordinal))
        {
            if (scopes.TryGetValue(scope, out var part))
            {
                changes += part.Changes;
                last = Math.Max(last, part.Last);
                tokens += part.Tokens;
            }
        }
        return new FactsFingerprint(changes, last, tokens);
    }
}
