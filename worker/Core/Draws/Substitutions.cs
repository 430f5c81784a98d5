using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

public static class Substitutions
{
    /// <summary>
    /// Draws the replacement for <paramref name="certificateNumber"/> from the remaining qualified pool of the same
    /// department (not serving in any group, no conflict with the group's entities), sorted by certificate number,
    /// with the stream labelled "{campaign}|substitution|{sequence}" over the draw's seed. Returns the substitution,
    /// or the reason there can be none, in Chinese.
    /// </summary>
    public static (Substitution? Substitution, string? Refusal) Draw(
        Draw draw, IReadOnlyList<Substitution> earlier, IReadOnlyList<Inspector> directory,
        string certificateNumber, string reason, string approvedBy, DateOnly today)
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
        var serving = current.Groups.SelectMany(g => g.Members).Select(m => m.CertificateNumber)
            .Concat(earlier.Select(s => s.Replaced)).ToHashSet(StringComparer.Ordinal);
        var entities = group.EntityUsccs.ToHashSet(StringComparer.Ordinal);
        var department = directory.FirstOrDefault(i => i.CertificateNumber == certificateNumber)?.Unit;
        var pool = directory
            .Where(i => i.Unit == department || i.Unit == replaced.DepartmentId)
            .Where(i => i.IsQualifiedOn(today) && !serving.Contains(i.CertificateNumber))
            .Where(i => !i.Conflicts.Any(entities.Contains))
            .OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)
            .ToList();
        if (pool.Count == 0)
        {
            return (null, $"没有可递补的人员：该部门其余持有效执法证且无需回避的人员均已在检查组中或不合格");
        }
        var sequence = earlier.Count + 1;
        var chosen = new DrawStream(draw.Seed, $"{draw.CampaignId}|substitution|{sequence}").Choose(pool, 1)[0];
        return (new Substitution(draw.CampaignId, sequence, today, group.Number, certificateNumber,
            new DrawnInspector(chosen.CertificateNumber, chosen.Name, replaced.DepartmentId, chosen.Email), reason, approvedBy), null);
    }

    /// <summary>The groups as they stand after the substitutions, in order; the leader's place passes to the replacement.</summary>
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
