using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

public static class Substitutions
{
    /// <summary>
    /// Draws the replacement for <paramref name="certificateNumber"/> from the draw's own snapshot
    /// (<paramref name="snapshot"/>: the inspectors file kept beside the record, never today's directory): the inspectors
    /// of the replaced one's department (单位 = its id or name) whose certificate is valid on <paramref name="on"/>, who serve
    /// in no group, were never replaced, and name no entity of the group in 回避对象, sorted by certificate number (ordinal);
    /// one is chosen with the stream labelled "{campaign}|substitution|{sequence}" over the draw's seed. Returns the
    /// substitution, or the reason there can be none, in Chinese.
    /// </summary>
    public static (Substitution? Substitution, string? Refusal) Draw(
        Draw draw, IReadOnlyList<Substitution> earlier, IReadOnlyList<Inspector> snapshot,
        string certificateNumber, string reason, string approvedBy, DateOnly on)
    {
        if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(approvedBy))
        {
            return (null, "递补须写明理由并经领导批准（004 §18）：--reason 和 --approved-by 不能为空");
        }
        var current = Apply(draw, earlier);
        var group = current.Groups.FirstOrDefault(g => g.Members.Any(m => m.CertificateNumber == certificateNumber));
        if (group is null)
        {
            return (null, $"执法证号“{certificateNumber}”不在本次抽查的检查组中");
        }
        var replaced = group.Members.Single(m => m.CertificateNumber == certificateNumber);
        var pool = Pool(draw, earlier, snapshot, group, replaced.DepartmentId, on);
        if (pool.Count == 0)
        {
            return (null, "没有可递补的人员：该部门其余持有效执法证且无需回避的人员均已在检查组中、已被递补替换或不合格");
        }
        var sequence = earlier.Count + 1;
        var label = Label(draw.CampaignId, sequence);
        var chosen = new DrawStream(draw.Seed, label).Choose(pool, 1)[0];
        return (new Substitution(draw.CampaignId, sequence, on, group.Number, certificateNumber,
            new DrawnInspector(chosen.CertificateNumber, chosen.Name, replaced.DepartmentId, chosen.Email), reason, approvedBy,
            label, pool.Count, PoolHash(pool)), null);
    }

    public static string Label(string campaignId, int sequence) => $"{campaignId}|substitution|{sequence}";

    /// <summary>SHA-256 (lower-case hex) of the UTF-8 text of the pool's certificate numbers in pool order, each followed by "\n".</summary>
    public static string PoolHash(IEnumerable<Inspector> pool) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(pool.Select(i => i.CertificateNumber + "\n")))));

    private static List<Inspector> Pool(
        Draw draw, IReadOnlyList<Substitution> earlier, IReadOnlyList<Inspector> snapshot, InspectionGroup group, string departmentId, DateOnly on)
    {
        var current = Apply(draw, earlier);
        // Whoever serves now, and whoever was ever replaced: a replaced inspector cannot come back.
        var excluded = current.Groups.SelectMany(g => g.Members).Select(m => m.CertificateNumber)
            .Concat(earlier.Select(s => s.Replaced)).ToHashSet(StringComparer.Ordinal);
        var department = draw.InspectorRule.Departments.FirstOrDefault(d => d.Id == departmentId) ?? new DrawDepartment(departmentId, departmentId);
        var entities = group.EntityUsccs.ToHashSet(StringComparer.Ordinal);
        return [.. snapshot
            .Where(i => i.Unit == department.Id || i.Unit == department.Name)
            .Where(i => i.IsQualifiedOn(on) && !excluded.Contains(i.CertificateNumber))
            .Where(i => !i.Conflicts.Any(entities.Contains))
            .OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Recomputes every substitution in order from the draw and its snapshot, as if each were asked again with its recorded
    /// inspector, date, reason and approver; the differences, empty when each is reproduced.
    /// </summary>
    public static IReadOnlyList<string> Verify(Draw draw, IReadOnlyList<Substitution> substitutions, IReadOnlyList<Inspector> snapshot)
    {
        List<string> differences = [];
        var ordered = substitutions.ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            var recorded = ordered[k];
            var name = $"substitution {k + 1}";
            if (recorded.Sequence != k + 1 || recorded.CampaignId != draw.CampaignId)
            {
                differences.Add($"{name} sequence: recorded {recorded.CampaignId}#{recorded.Sequence}, expected {draw.CampaignId}#{k + 1}");
                return differences;
            }
            var (again, refusal) = Draw(draw, ordered[..k], snapshot, recorded.Replaced, recorded.Reason, recorded.ApprovedBy, recorded.On);
            if (again is null)
            {
                differences.Add($"{name} replaced: {recorded.Replaced} cannot be substituted: {refusal}");
                return differences;
            }
            void Check(string field, object a, object b)
            {
                if (!Equals(a, b))
                {
                    differences.Add($"{name} {field}: recorded {a}, recomputed {b}");
                }
            }
            Check("group", recorded.Group, again.Group);
            Check("label", recorded.Label, again.Label);
            Check("poolSize", recorded.PoolSize, again.PoolSize);
            Check("poolSha256", recorded.PoolSha256, again.PoolSha256);
            Check("replacement.certificateNumber", recorded.Replacement.CertificateNumber, again.Replacement.CertificateNumber);
            Check("replacement.name", recorded.Replacement.Name, again.Replacement.Name);
            Check("replacement.departmentId", recorded.Replacement.DepartmentId, again.Replacement.DepartmentId);
            Check("replacement.email", recorded.Replacement.Email ?? "", again.Replacement.Email ?? "");
            if (differences.Count > 0)
            {
                // Later substitutions stand on this one: recomputing them from a record already wrong would only echo it.
                return differences;
            }
        }
        return differences;
    }

    /// <summary>
    /// The groups as they stand after the substitutions, in order. The replacement takes the replaced member's place in
    /// the group's member list; a replaced leader's group is led by the replacement (who is of the same, lead, department).
    /// </summary>
    public static Draw Apply(Draw draw, IReadOnlyList<Substitution> substitutions)
    {
        var groups = draw.Groups.ToList();
        foreach (var s in substitutions.OrderBy(s => s.Sequence))
        {
            var index = groups.FindIndex(g => g.Number == s.Group);
            var group = groups[index];
            groups[index] = group with
            {
                Members = [.. group.Members.Select(m => m.CertificateNumber == s.Replaced ? s.Replacement : m)],
                LeaderCertificateNumber = group.LeaderCertificateNumber == s.Replaced ? s.Replacement.CertificateNumber : group.LeaderCertificateNumber,
            };
        }
        return draw with { Groups = groups };
    }
}
