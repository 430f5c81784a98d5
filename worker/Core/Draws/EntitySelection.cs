using System.Runtime.InteropServices;
using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// The entity half of the double-random draw, precise enough to re-implement (README "The draw"; ops/verify_draw.py does):
/// 1. eligible = active entities in the scope (industry, region), not in <see cref="EntityRule.Excluded"/>, sorted by USCC (ordinal);
/// 2. without ratios per class: one stratum "*"; k = min(n, max(minimum, ceil(ratio × n))); choose k with label "{campaign}|entities"
///    (the stratum shows min(n, ceil(ratio × n)) by ratio and the rest of k as top-up);
/// 3. with ratios per class: strata are the risk classes in ordinal order; each draws min(n_c, ceil(r_c × n_c)) with label
///    "{campaign}|entities|{class}", r_c from the class's ratio or else the campaign ratio; if the total is below
///    min(minimum, n), the shortfall is chosen from the entities not yet drawn (sorted by USCC) with label "{campaign}|entities|top-up".
/// The selection's order is the concatenation in that order, and is part of the record.
/// </summary>
public static class EntitySelection
{
    public const string Unstratified = "*";

    public sealed record Result(int EligibleCount, IReadOnlyList<Stratum> Strata, IReadOnlyList<MarketEntity> Selected);

    public static Result Select(string campaignId, string seed, EntityRule rule, IReadOnlyList<MarketEntity> directory) =>
        Select(campaignId, seed, rule, EntityIndex.Build(directory));

    public static Result Select(string campaignId, string seed, EntityRule rule, EntityIndex directory)
    {
        var excluded = rule.Excluded.Select(directory.Find).Where(p => p >= 0).ToHashSet();
        var eligible = directory.Eligible(rule.Industry, rule.Region, excluded);

        if (rule.RatioByRisk.Count == 0)
        {
            var byRatio = Math.Min(eligible.Count, Ceiling(rule.Ratio, eligible.Count));
            var count = Math.Min(eligible.Count, Math.Max(rule.Minimum, byRatio));
            new DrawStream(seed, $"{campaignId}|entities").Shuffle(eligible.AsSpan(), count);
            return new Result(
                eligible.Count, [Stratum.Of(Unstratified, rule.Ratio, eligible.Count, byRatio, count - byRatio)], Materialise(directory, eligible.AsSpan(0, count)));
        }

        var byClass = Buckets(directory, eligible);
        var selected = new List<int>();
        var strata = new List<Stratum>();
        foreach (var id in Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Length > 0).OrderBy(c => directory.RiskClasses[c], StringComparer.Ordinal))
        {
            var riskClass = directory.RiskClasses[id];
            var members = byClass[id];
            var ratio = rule.RatioByRisk.TryGetValue(riskClass, out var classRatio) ? classRatio : rule.Ratio;
            var count = Math.Min(members.Length, Ceiling(ratio, members.Length));
            new DrawStream(seed, $"{campaignId}|entities|{riskClass}").Shuffle(members.AsSpan(), count);
            selected.AddRange(members.AsSpan(0, count));
            strata.Add(Stratum.Of(riskClass, ratio, members.Length, count, 0));
        }
        var shortfall = Math.Min(rule.Minimum, eligible.Count) - selected.Count;
        if (shortfall > 0)
        {
            var drawn = selected.ToHashSet();
            var rest = eligible.Where(p => !drawn.Contains(p)).ToArray();
            new DrawStream(seed, $"{campaignId}|entities|top-up").Shuffle(rest.AsSpan(), shortfall);
            selected.AddRange(rest.AsSpan(0, shortfall));
            var topUp = rest.Take(shortfall).Select(directory.RiskClassAt).ToList();
            strata = [.. strata.Select(s => Stratum.Of(s.RiskClass, s.Ratio, s.Eligible, s.ByRatio, topUp.Count(c => directory.RiskClasses[c] == s.RiskClass)))];
        }
        return new Result(eligible.Count, strata, Materialise(directory, CollectionsMarshal.AsSpan(selected)));
    }

    /// <summary>ceil(ratio × n) in exact decimal arithmetic, so 0.30 × 10 is 3, not 4.</summary>
    public static int Ceiling(decimal ratio, int n) => (int)Math.Ceiling(ratio * n);

    /// <summary>The eligible positions of each risk class, still in USCC order.</summary>
    private static int[][] Buckets(EntityIndex directory, ArraySegment<int> eligible)
    {
        var sizes = new int[directory.RiskClasses.Count];
        foreach (var position in eligible)
        {
            sizes[directory.RiskClassAt(position)]++;
        }
        var buckets = sizes.Select(size => new int[size]).ToArray();
        Array.Clear(sizes);
        foreach (var position in eligible)
        {
            var id = directory.RiskClassAt(position);
            buckets[id][sizes[id]++] = position;
        }
        return buckets;
    }

    private static MarketEntity[] Materialise(EntityIndex directory, ReadOnlySpan<int> positions)
    {
        var entities = new MarketEntity[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            entities[i] = directory.EntityAt(positions[i]);
        }
        return entities;
    }
}
