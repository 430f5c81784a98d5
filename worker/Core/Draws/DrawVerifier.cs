using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>Recomputes a recorded draw's entity selection from the directory and says exactly what differs.</summary>
public static class DrawVerifier
{
    public static IReadOnlyList<string> Verify(Draw record, IReadOnlyList<MarketEntity> entities)
    {
        if (record.Algorithm != DoubleRandomDraw.Algorithm)
        {
            return [$"unknown algorithm '{record.Algorithm}' (this verifier knows {DoubleRandomDraw.Algorithm})"];
        }
        if (record.SeedCommitment is { } commitment && !Seeds.Reveals(record.Seed, commitment))
        {
            return [$"seed does not reveal the commitment: SHA-256(seed) = {Seeds.Commit(record.Seed)}, committed {commitment}"];
        }
        var again = EntitySelection.Select(record.CampaignId, record.Seed, record.Rule, entities);
        List<string> differences = [];
        if (again.EligibleCount != record.EligibleCount)
        {
            differences.Add($"eligible count: recorded {record.EligibleCount}, recomputed {again.EligibleCount}");
        }
        foreach (var (recorded, recomputed) in record.Strata.Zip(again.Strata).Where(p => p.First != p.Second))
        {
            differences.Add($"stratum: recorded {recorded}, recomputed {recomputed}");
        }
        if (record.Strata.Count != again.Strata.Count)
        {
            differences.Add($"strata: recorded {record.Strata.Count}, recomputed {again.Strata.Count}");
        }
        var recordedOrder = record.Entities.Select(e => e.Uscc).ToList();
        var recomputedOrder = again.Selected.Select(e => e.Uscc).ToList();
        for (var i = 0; i < Math.Max(recordedOrder.Count, recomputedOrder.Count); i++)
        {
            var recorded = i < recordedOrder.Count ? recordedOrder[i] : "(none)";
            var recomputed = i < recomputedOrder.Count ? recomputedOrder[i] : "(none)";
            if (recorded != recomputed)
            {
                differences.Add($"position {i + 1}: recorded {recorded}, recomputed {recomputed}");
            }
        }
        return differences;
    }
}
