using Campaigns.Core.Directories;

namespace Campaigns.Core.Draws;

/// <summary>
/// The inspector half of the double-random draw, precise enough to re-implement (README "The draw"):
/// 1. g = min(groups, drawn entities); the drawn entities (in draw order) are shuffled in full with label
///    "{campaign}|groups"; the i-th of the shuffle goes to group (i mod g) + 1; each group lists its entities in draw order;
/// 2. qualified = certificate valid on the draw day; a department with fewer than the rule's minimum (4, 004 §14) refuses;
/// 3. per department in rule order: the qualified whose 单位 is its id or name, sorted by certificate number, are
///    shuffled in full with label "{campaign}|inspectors|{department id}"; groups 1..g take from that order in turn,
///    each until it has inspectors_per_department; someone who must recuse from an entity of the group (回避对象) is
///    recorded as a <see cref="Recusal"/> and offered first to the next group; running out refuses, naming the numbers;
/// 4. each group's leader is its first member from the lead department.
/// </summary>
public static class GroupAssignment
{
    /// <summary>Each department's inspector directory must hold at least four qualified people (004 §14).</summary>
    public const int MinimumDirectory = 4;

    public sealed record Result(IReadOnlyList<InspectionGroup>? Groups, IReadOnlyList<Recusal> Recusals, string? Refusal);

    public static Result Assign(
        string campaignId, string seed, DateOnly drawnOn, InspectorRule rule, IReadOnlyList<string> entities, IReadOnlyList<Inspector> inspectors)
    {
        var groupCount = Math.Min(rule.Groups, entities.Count);
        var shuffled = entities.ToArray();
        new DrawStream(seed, $"{campaignId}|groups").Shuffle(shuffled.AsSpan(), shuffled.Length);
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < shuffled.Length; i++)
        {
            groupOf[shuffled[i]] = i % groupCount;
        }

        var qualified = inspectors.Where(i => i.IsQualifiedOn(drawnOn)).ToList();
        // 004 §14 asks each department's own directory for the minimum (网安's own staff), not the departments together.
        foreach (var department in rule.Departments)
        {
            var count = qualified.Count(i => i.Unit == department.Id || i.Unit == department.Name);
            if (count < rule.MinimumPerDepartment)
            {
                return Refused(
                    $"{department.Name}（{department.Id}）执法检查人员名录库不足：持有效执法证的人员{count}名，少于每部门至少{rule.MinimumPerDepartment}名（004 §14）");
            }
        }

        var members = Enumerable.Range(0, groupCount).Select(_ => new List<DrawnInspector>()).ToList();
        var recusals = new List<Recusal>();
        foreach (var department in rule.Departments)
        {
            var pool = qualified
                .Where(i => i.Unit == department.Id || i.Unit == department.Name)
                .OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)
                .ToArray();
            var needed = groupCount * rule.InspectorsPerDepartment;
            if (pool.Length < needed)
            {
                return Refused(
                    $"{department.Name}执法检查人员不足：{groupCount}个检查组各需{rule.InspectorsPerDepartment}名，共{needed}名持有效执法证的人员，名录库中仅有{pool.Length}名");
            }
            // One permutation per department; groups take from it in order, so nobody serves in two groups.
            new DrawStream(seed, $"{campaignId}|inspectors|{department.Id}").Shuffle(pool.AsSpan(), pool.Length);
            var order = new Queue<Inspector>(pool);
            var passedOver = new List<Inspector>();
            for (var g = 0; g < groupCount; g++)
            {
                var candidates = new Queue<Inspector>(passedOver.Concat(order));
                passedOver.Clear();
                order.Clear();
                var taken = 0;
                while (taken < rule.InspectorsPerDepartment)
                {
                    if (!candidates.TryDequeue(out var inspector))
                    {
                        return Refused(
                            $"{department.Name}执法检查人员不足：回避后第{g + 1}检查组无法凑足{rule.InspectorsPerDepartment}名无需回避的人员");
                    }
                    if (inspector.Conflicts.FirstOrDefault(c => groupOf.TryGetValue(c, out var of) && of == g) is { } conflict)
                    {
                        recusals.Add(new Recusal(g + 1, inspector.CertificateNumber, conflict));
                        passedOver.Add(inspector);
                        continue;
                    }
                    members[g].Add(new DrawnInspector(inspector.CertificateNumber, inspector.Name, department.Id, inspector.Email));
                    taken++;
                }
                foreach (var rest in candidates)
                {
                    order.Enqueue(rest);
                }
            }
        }

        var groupEntities = Enumerable.Range(0, groupCount).Select(_ => new List<string>()).ToList();
        foreach (var uscc in entities)
        {
            groupEntities[groupOf[uscc]].Add(uscc);
        }
        var groups = members.Select((m, g) => new InspectionGroup(
            g + 1,
            m.First(i => i.DepartmentId == rule.LeadDepartment).CertificateNumber,
            m,
            groupEntities[g])).ToList();
        return new Result(groups, recusals, null);
    }

    private static Result Refused(string reason) => new(null, [], reason);
}
