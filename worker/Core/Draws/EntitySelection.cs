using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// The entity half of the double-random draw, precise enough to re-implement (README "The draw"; ops/verify_draw.py does):
/// 1. eligible = active entities in the scope (industry, region), not in <see cref="EntityRule.Excluded"/>, sorted by USCC (ordinal);
/// 2. without ratios per class: one stratum "*"; k = min(n, max(minimum, ceil(ratio × n))); choose k with label "{campaign}|entities";
/// 3. with ratios per class: strata are the risk classes in ordinal order; each draws min(n_c, ceil(r_c × n_c)) with label
///    "{campaign}|entities|{class}", r_c from the class's ratio or else the campaign ratio; if the total is below
///    min(minimum, n), the shortfall is chosen from the entities not yet drawn (sorted by USCC) with label "{campaign}|entities|top-up".
/// The selection's order is the concatenation in that order, and is part of the record.
/// </summary>
public static class EntitySelection
{
    public const string Unstratified = "*";

    public sealed record Result(int EligibleCount, IReadOnlyList<Stratum> Strata, IReadOnlyList<MarketEntity> Selected);

    public static Result Select(string campaignId, string seed, EntityRule rule, IEnumerable<MarketEntity> directory)
    {
        var excluded = rule.Excluded.ToHashSet(StringComparer.Ordinal);
        var eligible = directory
            .Where(e => e.Status == EntityStatus.Active)
            .Where(e => rule.Industry is null || e.Industry == rule.Industry)
            .Where(e => rule.Region is null || e.Region == rule.Region)
            .Where(e => !excluded.Contains(e.Uscc))
            .OrderBy(e => e.Uscc, StringComparer.Ordinal)
            .ToList();

        if (rule.RatioByRisk.Count == 0)
        {
            var count = Math.Min(eligible.Count, Math.Max(rule.Minimum, Ceiling(rule.Ratio, eligible.Count)));
            var chosen = new DrawStream(seed, $"{campaignId}|entities").Choose(eligible, count);
            return new Result(eligible.Count, [new Stratum(Unstratified, eligible.Count, chosen.Count)], chosen);
        }

        var selected = new List<MarketEntity>();
        foreach (var stratum in eligible.GroupBy(e => e.RiskClass).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = stratum.ToList();
            var ratio = rule.RatioByRisk.TryGetValue(stratum.Key, out var classRatio) ? classRatio : rule.Ratio;
            selected.AddRange(new DrawStream(seed, $"{campaignId}|entities|{stratum.Key}").Choose(members, Math.Min(members.Count, Ceiling(ratio, members.Count))));
        }
        var shortfall = Math.Min(rule.Minimum, eligible.Count) - selected.Count;
        if (shortfall > 0)
        {
            var drawn = selected.Select(e => e.Uscc).ToHashSet(StringComparer.Ordinal);
            selected.AddRange(new DrawStream(seed, $"{campaignId}|entities|top-up").Choose([.. eligible.Where(e => !drawn.Contains(e.Uscc))], shortfall));
        }
        var strata = eligible.GroupBy(e => e.RiskClass).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Stratum(g.Key, g.Count(), selected.Count(s => s.RiskClass == g.Key)))
            .ToList();
        return new Result(eligible.Count, strata, selected);
    }

    /// <summary>ceil(ratio × n) in exact decimal arithmetic, so 0.30 × 10 is 3, not 4.</summary>
    public static int Ceiling(decimal ratio, int n) => (int)Math.Ceiling(ratio * n);
}
