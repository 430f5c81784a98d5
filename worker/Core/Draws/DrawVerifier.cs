using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>Recomputes a recorded draw from the directory snapshot and says exactly what differs.</summary>
public static class DrawVerifier
{
    /// <summary>
    /// The differences between the record and a recomputation: the entity half from <paramref name="entities"/>, and the
    /// groups, members, leaders and recusals from <paramref name="inspectors"/> when given. Empty means the draw is reproduced.
    /// </summary>
    public static IReadOnlyList<string> Verify(Draw record, IReadOnlyList<MarketEntity> entities, IReadOnlyList<Inspector>? inspectors = null)
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
        Compare(differences, "position", record.Entities.Select(e => e.Uscc).ToList(), again.Selected.Select(e => e.Uscc).ToList());
        if (inspectors is not null)
        {
            VerifyGroups(differences, record, inspectors);
        }
        return differences;
    }

    private static void VerifyGroups(List<string> differences, Draw record, IReadOnlyList<Inspector> inspectors)
    {
        if (record.InspectorRule is null)
        {
            differences.Add("the record holds no inspector rule, so its groups cannot be recomputed");
            return;
        }
        // From the recorded selection, so a difference in the entity half is not reported twice.
        var again = GroupAssignment.Assign(
            record.CampaignId, record.Seed, record.DrawnOn, record.InspectorRule, [.. record.Entities.Select(e => e.Uscc)], inspectors);
        if (again.Refusal is { } refusal)
        {
            differences.Add($"groups: the inspector directory cannot give this draw: {refusal}");
            return;
        }
        var groups = again.Groups!;
        if (groups.Count != record.Groups.Count)
        {
            differences.Add($"groups: recorded {record.Groups.Count}, recomputed {groups.Count}");
        }
        foreach (var (recorded, recomputed) in record.Groups.Zip(groups))
        {
            var name = $"group {recorded.Number}";
            Compare(differences, $"{name} entity", [.. recorded.EntityUsccs], [.. recomputed.EntityUsccs]);
            Compare(differences, $"{name} member", [.. recorded.Members.Select(m => m.CertificateNumber)], [.. recomputed.Members.Select(m => m.CertificateNumber)]);
            if (recorded.LeaderCertificateNumber != recomputed.LeaderCertificateNumber)
            {
                differences.Add($"{name} leader: recorded {recorded.LeaderCertificateNumber}, recomputed {recomputed.LeaderCertificateNumber}");
            }
        }
        Compare(differences, "recusal", [.. record.Recusals.Select(r => r.ToString())], [.. again.Recusals.Select(r => r.ToString())]);
    }

    private static void Compare(List<string> differences, string what, List<string> recorded, List<string> recomputed)
    {
        for (var i = 0; i < Math.Max(recorded.Count, recomputed.Count); i++)
        {
            var a = i < recorded.Count ? recorded[i] : "(none)";
            var b = i < recomputed.Count ? recomputed[i] : "(none)";
            if (a != b)
            {
                differences.Add($"{what} {i + 1}: recorded {a}, recomputed {b}");
            }
        }
    }
}
