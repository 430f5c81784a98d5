namespace Campaigns.Storage;

/// <summary>
/// Plans' tick versions and each scope's rows in <c>fact_changes</c> (their fingerprint and count), as
/// <see cref="CampaignStore"/> reads them before any facts: for one plan when it reads that plan, or for every plan at
/// once for a tick (<see cref="CampaignStore.ReadFactsChecks"/>), so that a plan whose kept facts still match needs no
/// read of its own. A province's quiet day made that check 200 times, a read for each plan.
/// </summary>
public sealed class FactsChecks(
    IReadOnlyDictionary<string, long> versions, IReadOnlyDictionary<string, (FactsFingerprint Fingerprint, long Rows)> scopes)
{
    /// <summary>The plan's version; 0 before its first tick.</summary>
    public long Version(string planKey) => versions.GetValueOrDefault(planKey);

    /// <summary>The fingerprint of the scopes' rows taken together: the changes and tokens added up, the last id the greatest.</summary>
    public FactsFingerprint Fingerprint(IEnumerable<string> factScopes)
    {
        var (changes, last, tokens) = (0L, 0L, 0L);
        foreach (var scope in factScopes.Distinct(StringComparer.Ordinal))
        {
            if (scopes.TryGetValue(scope, out var part))
            {
                changes += part.Fingerprint.Changes;
                last = Math.Max(last, part.Fingerprint.Last);
                tokens += part.Fingerprint.Tokens;
            }
        }
        return new FactsFingerprint(changes, last, tokens);
    }

    /// <summary>How many rows the scopes hold (a fold's measure, not part of the fingerprint).</summary>
    public long Rows(IEnumerable<string> scopeNames) =>
        scopeNames.Distinct(StringComparer.Ordinal).Sum(scope => scopes.TryGetValue(scope, out var part) ? part.Rows : 0);
}
