using System.Globalization;
using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// Checks or re-derives every field of a draw record from its snapshot, its seed and its rules, and says exactly what
/// differs: each difference starts with the record's field ("entities[3].name: recorded …, snapshot …").
/// </summary>
public static class DrawVerifier
{
    /// <summary>The differences between the record and a recomputation from <paramref name="evidence"/>; empty means the draw is reproduced.</summary>
    public static IReadOnlyList<string> Verify(Draw record, DrawEvidence evidence)
    {
        if (record.Algorithm != DoubleRandomDraw.Algorithm)
        {
            return [$"algorithm: recorded '{record.Algorithm}', this verifier knows only '{DoubleRandomDraw.Algorithm}'"];
        }
        List<string> differences = [];
        VerifySnapshot(differences, record, evidence);
        VerifySeed(differences, record);
        VerifyDepartments(differences, record, evidence);
        VerifyExcluded(differences, record, evidence);

        var again = EntitySelection.Select(record.CampaignId, record.Seed, record.Rule, evidence.Entities);
        Field(differences, "eligibleCount", record.EligibleCount, again.EligibleCount);
        Field(differences, "strata.length", record.Strata.Count, again.Strata.Count);
        foreach (var (i, recorded, recomputed) in record.Strata.Zip(again.Strata).Select((p, i) => (i, p.First, p.Second)))
        {
            var at = $"strata[{i}]";
            Field(differences, $"{at}.riskClass", recorded.RiskClass, recomputed.RiskClass);
            Field(differences, $"{at}.ratio", recorded.Ratio, recomputed.Ratio);
            Field(differences, $"{at}.eligible", recorded.Eligible, recomputed.Eligible);
            Field(differences, $"{at}.byRatio", recorded.ByRatio, recomputed.ByRatio);
            Field(differences, $"{at}.topUp", recorded.TopUp, recomputed.TopUp);
            Field(differences, $"{at}.drawn", recorded.Drawn, recomputed.Drawn);
        }
        Field(differences, "entities.length", record.Entities.Count, again.Selected.Count);
        var snapshotEntities = evidence.Entities.GroupBy(e => e.Uscc, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < record.Entities.Count; i++)
        {
            var recorded = record.Entities[i];
            var at = $"entities[{i}]";
            if (i < again.Selected.Count)
            {
                Field(differences, $"{at}.uscc", recorded.Uscc, again.Selected[i].Uscc);
            }
            if (!snapshotEntities.TryGetValue(recorded.Uscc, out var row))
            {
                differences.Add($"{at}.uscc: {recorded.Uscc} is not in the snapshot's entities");
                continue;
            }
            var where = Where(evidence, $"E|{recorded.Uscc}");
            Snapshot(differences, $"{at}.name", recorded.Name, row.Name, where);
            Snapshot(differences, $"{at}.address", recorded.Address, row.Address, where);
            Snapshot(differences, $"{at}.legalRepresentative", recorded.LegalRepresentative, row.LegalRepresentative, where);
            Snapshot(differences, $"{at}.riskClass", recorded.RiskClass, row.RiskClass, where);
        }
        VerifyGroups(differences, record, evidence);
        if (evidence.Substitutions is { Count: > 0 } substitutions)
        {
            differences.AddRange(Substitutions.Verify(record, substitutions, evidence.Inspectors));
        }
        return differences;
    }

    private static void VerifySnapshot(List<string> differences, Draw record, DrawEvidence evidence)
    {
        string[] expected = ["entities", "inspectors", "departments"];
        if (record.Snapshot.Count != expected.Length
            || record.Snapshot.Zip(expected).Any(p => Path.GetFileNameWithoutExtension(p.First.File) != p.Second)
            || record.Snapshot[^1].File != DrawDepartments.FileName)
        {
            differences.Add($"snapshot: recorded [{string.Join(", ", record.Snapshot.Select(f => f.File))}], expected entities, inspectors and {DrawDepartments.FileName} in that order");
        }
        var hash = DirectoryHash.Of(record.Snapshot);
        Field(differences, "directoryHash", record.DirectoryHash, hash);
        if (evidence.Files is not { } files)
        {
            return;
        }
        foreach (var (i, file) in record.Snapshot.Select((f, i) => (i, f)))
        {
            if (files.FirstOrDefault(f => f.File == file.File) is not { } found)
            {
                differences.Add($"snapshot[{i}].sha256: {file.File} is missing from the snapshot folder");
            }
            else if (found.Sha256 != file.Sha256)
            {
                differences.Add($"snapshot[{i}].sha256: {file.File} has been changed: recorded {file.Sha256}, the file's is {found.Sha256}");
            }
        }
    }

    private static void VerifySeed(List<string> differences, Draw record)
    {
        if (record.SeedCommitment is { } commitment && !Seeds.Reveals(record.Seed, commitment))
        {
            differences.Add($"seedCommitment: SHA-256(seed) = {Seeds.Commit(record.Seed)}, recorded commitment {commitment}");
        }
        var ledger = record.Commitments;
        for (var k = 0; k < ledger.Count; k++)
        {
            var entry = ledger[k];
            var at = $"commitments[{k}]";
            if (!Seeds.IsCommitment(entry.Commitment))
            {
                differences.Add($"{at}.commitment: '{entry.Commitment}' is not a SHA-256 in hex");
            }
            Field(differences, $"{at}.replaces", entry.Replaces ?? "(none)", k == 0 ? "(none)" : ledger[k - 1].Commitment);
            if (k > 0 && (string.IsNullOrWhiteSpace(entry.Reason) || string.IsNullOrWhiteSpace(entry.ApprovedBy)))
            {
                differences.Add($"{at}.reason: a re-commitment needs a reason and the approving leader (approvedBy)");
            }
        }
        if (ledger.Count > 0)
        {
            Field(differences, "seedCommitment", record.SeedCommitment ?? "(none)", ledger[^1].Commitment);
        }
        Field(differences, "seedStatus", record.SeedStatus, Seeds.Status(record.SeedCommitment, ledger));
    }

    private static void VerifyDepartments(List<string> differences, Draw record, DrawEvidence evidence)
    {
        var rule = record.InspectorRule;
        Field(differences, "inspectorRule.departments.length", rule.Departments.Count, evidence.Departments.Count);
        foreach (var (i, recorded, snapshot) in rule.Departments.Zip(evidence.Departments).Select((p, i) => (i, p.First, p.Second)))
        {
            Snapshot(differences, $"inspectorRule.departments[{i}].id", recorded.Id, snapshot.Id, $"{DrawDepartments.FileName}:{i + 2}");
            Snapshot(differences, $"inspectorRule.departments[{i}].name", recorded.Name, snapshot.Name, $"{DrawDepartments.FileName}:{i + 2}");
        }
        if (evidence.Departments.Count > 0)
        {
            Field(differences, "inspectorRule.leadDepartment", rule.LeadDepartment, evidence.Departments[0].Id);
        }
        if (rule.MinimumPerDepartment < GroupAssignment.MinimumDirectory)
        {
            differences.Add($"inspectorRule.minimumPerDepartment: recorded {rule.MinimumPerDepartment}, below 004 §14's {GroupAssignment.MinimumDirectory}");
        }
        if (rule.Groups < 1 || rule.InspectorsPerDepartment < 1)
        {
            differences.Add($"inspectorRule.groups: recorded {rule.Groups} groups of {rule.InspectorsPerDepartment} per department; both must be at least 1");
        }
    }

    /// <summary>
    /// Without the year's records, only the form of the list (ordinal order, no repeats); with them, the list itself: every USCC
    /// in the snapshot and in scope that draws with a lower <see cref="Draw.YearSequence"/> in the same year took
    /// <see cref="EntityRule.YearlyCap"/> times or more.
    /// </summary>
    private static void VerifyExcluded(List<string> differences, Draw record, DrawEvidence evidence)
    {
        var excluded = record.Rule.Excluded;
        if (!excluded.SequenceEqual(excluded.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))
        {
            differences.Add("rule.excluded: not in ordinal order without repeats");
        }
        if (evidence.Year is not { } year)
        {
            return;
        }
        var earlier = year.Where(d => d.DrawnOn.Year == record.DrawnOn.Year && d.YearSequence < record.YearSequence && d.CampaignId != record.CampaignId).ToList();
        var present = earlier.Select(d => d.YearSequence).ToHashSet();
        var missing = Enumerable.Range(1, Math.Max(0, record.YearSequence - 1)).Where(n => !present.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            differences.Add($"yearSequence: the year's records before this one ({record.YearSequence - 1}) are not all given; missing {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? " …" : "")}");
        }
        var counts = earlier.SelectMany(d => d.Entities).GroupBy(e => e.Uscc, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rule = record.Rule;
        var derived = evidence.Entities
            .Where(e => counts.GetValueOrDefault(e.Uscc) >= rule.YearlyCap)
            .Where(e => (rule.Industry is null || e.Industry == rule.Industry) && (rule.Region is null || e.Region == rule.Region))
            .Select(e => e.Uscc)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var forged in excluded.Except(derived, StringComparer.Ordinal))
        {
            differences.Add($"rule.excluded: recorded {forged}, which the year's earlier records drew {counts.GetValueOrDefault(forged)} times (cap {rule.YearlyCap})");
        }
        foreach (var omitted in derived.Except(excluded, StringComparer.Ordinal))
        {
            differences.Add($"rule.excluded: omits {omitted}, drawn {counts[omitted]} times by the year's earlier records (cap {rule.YearlyCap})");
        }
    }

    private static void VerifyGroups(List<string> differences, Draw record, DrawEvidence evidence)
    {
        // From the recorded selection, so a difference in the entity half is not reported twice.
        var again = GroupAssignment.Assign(
            record.CampaignId, record.Seed, record.DrawnOn, record.InspectorRule, [.. record.Entities.Select(e => e.Uscc)], evidence.Inspectors);
        if (again.Refusal is { } refusal)
        {
            differences.Add($"groups: the snapshot's inspectors cannot give this draw: {refusal}");
            return;
        }
        var groups = again.Groups!;
        Field(differences, "groups.length", record.Groups.Count, groups.Count);
        var staff = evidence.Inspectors.GroupBy(i => i.CertificateNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (g, recorded, recomputed) in record.Groups.Zip(groups).Select((p, g) => (g, p.First, p.Second)))
        {
            var at = $"groups[{g}]";
            Field(differences, $"{at}.number", recorded.Number, recomputed.Number);
            Compare(differences, $"{at}.entityUsccs", [.. recorded.EntityUsccs], [.. recomputed.EntityUsccs]);
            Field(differences, $"{at}.leaderCertificateNumber", recorded.LeaderCertificateNumber, recomputed.LeaderCertificateNumber);
            Field(differences, $"{at}.members.length", recorded.Members.Count, recomputed.Members.Count);
            foreach (var (m, member, again2) in recorded.Members.Zip(recomputed.Members).Select((p, m) => (m, p.First, p.Second)))
            {
                var path = $"{at}.members[{m}]";
                Field(differences, $"{path}.certificateNumber", member.CertificateNumber, again2.CertificateNumber);
                Field(differences, $"{path}.departmentId", member.DepartmentId, again2.DepartmentId);
                if (staff.TryGetValue(member.CertificateNumber, out var row))
                {
                    var where = Where(evidence, $"I|{member.CertificateNumber}");
                    Snapshot(differences, $"{path}.name", member.Name, row.Name, where);
                    Snapshot(differences, $"{path}.email", member.Email ?? "", row.Email ?? "", where);
                }
            }
        }
        Compare(differences, "recusals", [.. record.Recusals.Select(r => r.ToString())], [.. again.Recusals.Select(r => r.ToString())]);
    }

    private static string? Where(DrawEvidence evidence, string key) => evidence.Rows?.GetValueOrDefault(key);

    private static void Field<T>(List<string> differences, string field, T recorded, T recomputed)
    {
        if (!EqualityComparer<T>.Default.Equals(recorded, recomputed))
        {
            differences.Add($"{field}: recorded {Show(recorded)}, recomputed {Show(recomputed)}");
        }
    }

    private static void Snapshot(List<string> differences, string field, string recorded, string snapshot, string? where)
    {
        if (recorded != snapshot)
        {
            differences.Add($"{field}: recorded '{recorded}', snapshot '{snapshot}'{(where is null ? "" : $" ({where})")}");
        }
    }

    private static string Show<T>(T value) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        null => "(none)",
        _ => value.ToString() ?? "",
    };

    private static void Compare(List<string> differences, string what, List<string> recorded, List<string> recomputed)
    {
        for (var i = 0; i < Math.Max(recorded.Count, recomputed.Count); i++)
        {
            var a = i < recorded.Count ? recorded[i] : "(none)";
            var b = i < recomputed.Count ? recomputed[i] : "(none)";
            if (a != b)
            {
                differences.Add($"{what}[{i}]: recorded {a}, recomputed {b}");
            }
        }
    }
}
