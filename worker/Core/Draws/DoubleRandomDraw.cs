using Campaigns.Core.Directories;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Draws;

/// <summary>
/// The double-random draw (双随机抽取): entities by <see cref="EntitySelection"/> (stratified by credit-risk class when
/// the plan sets ratios per class), then inspectors per department from <see cref="DrawStream"/> over qualified,
/// inspectors sorted by certificate number. Entities are shared among <c>groups</c> at random; each group gets
/// <c>inspectors_per_department</c> from every department, nobody in two groups, and an inspector who must recuse
/// from an entity of a group is passed over for the next one drawn (recorded as a <see cref="Recusal"/>).
/// </summary>
public static class DoubleRandomDraw
{
    public const string Algorithm = "stratified-hmac-sha256/v1";

    /// <summary>The inspector directory must hold at least four qualified people (004 §14).</summary>
    public const int MinimumDirectory = 4;

    public static DrawOutcome Run(AnnualPlan plan, CampaignPlan campaign, DrawInput input)
    {
        var rule = new EntityRule(
            campaign.Scope.Industry,
            campaign.Scope.Region,
            campaign.Sampling.Ratio,
            campaign.Sampling.Minimum,
            campaign.Sampling.ByRisk,
            [.. input.Entities
                .Where(e => (campaign.Scope.Industry is null || e.Industry == campaign.Scope.Industry) && (campaign.Scope.Region is null || e.Region == campaign.Scope.Region))
                .Where(e => input.JointChecksThisYear.GetValueOrDefault(e.Uscc) >= campaign.Rules.MaxJointChecksPerEntityPerYear)
                .Select(e => e.Uscc)
                .Order(StringComparer.Ordinal)]);
        var selection = EntitySelection.Select(campaign.Id, input.Seed, rule, input.Entities);
        if (selection.EligibleCount == 0)
        {
            return DrawOutcome.Refused($"检查对象名录库中没有符合抽查范围的检查对象（行业：{campaign.Scope.Industry ?? "不限"}，区域：{campaign.Scope.Region ?? "不限"}）");
        }
        var entities = selection.Selected;

        // Entities are shared among the groups at random: a shuffle, then round-robin, so sizes differ by at most one.
        var groupCount = Math.Min(campaign.Groups, entities.Count);
        var shuffled = new DrawStream(input.Seed, $"{campaign.Id}|groups").Choose(entities, entities.Count);
        var groupEntities = Enumerable.Range(0, groupCount)
            .Select(g => shuffled.Where((_, i) => i % groupCount == g).Select(e => e.Uscc).ToHashSet(StringComparer.Ordinal))
            .ToList();

        var qualified = input.Inspectors.Where(i => i.IsQualifiedOn(input.DrawnOn)).ToList();
        var inDepartments = campaign.AllDepartments.Select(plan.Department)
            .Sum(d => qualified.Count(i => i.Unit == d.Id || i.Unit == d.Name));
        if (inDepartments < MinimumDirectory)
        {
            return DrawOutcome.Refused($"执法检查人员名录库不足：参与部门持有效执法证的人员共{inDepartments}名，少于{MinimumDirectory}名（004 §14）");
        }

        var members = Enumerable.Range(0, groupCount).Select(_ => new List<DrawnInspector>()).ToList();
        var recusals = new List<Recusal>();
        foreach (var department in campaign.AllDepartments.Select(plan.Department))
        {
            var pool = qualified
                .Where(i => i.Unit == department.Id || i.Unit == department.Name)
                .OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)
                .ToList();
            var needed = groupCount * campaign.InspectorsPerDepartment;
            if (pool.Count < needed)
            {
                return DrawOutcome.Refused(
                    $"{department.Name}执法检查人员不足：{groupCount}个检查组各需{campaign.InspectorsPerDepartment}名，共{needed}名持有效执法证的人员，名录库中仅有{pool.Count}名");
            }
            // One permutation per department; groups take from it in order, so nobody serves in two groups.
            var order = new Queue<Inspector>(new DrawStream(input.Seed, $"{campaign.Id}|inspectors|{department.Id}").Choose(pool, pool.Count));
            var passedOver = new List<Inspector>();
            for (var g = 0; g < groupCount; g++)
            {
                var candidates = new Queue<Inspector>(passedOver.Concat(order));
                passedOver.Clear();
                order.Clear();
                while (members[g].Count(m => m.DepartmentId == department.Id) < campaign.InspectorsPerDepartment)
                {
                    if (!candidates.TryDequeue(out var inspector))
                    {
                        return DrawOutcome.Refused(
                            $"{department.Name}执法检查人员不足：回避后第{g + 1}检查组无法凑足{campaign.InspectorsPerDepartment}名无需回避的人员");
                    }
                    if (inspector.Conflicts.FirstOrDefault(groupEntities[g].Contains) is { } conflict)
                    {
                        recusals.Add(new Recusal(g + 1, inspector.CertificateNumber, conflict));
                        passedOver.Add(inspector);
                        continue;
                    }
                    members[g].Add(new DrawnInspector(inspector.CertificateNumber, inspector.Name, department.Id, inspector.Email));
                }
                foreach (var rest in candidates)
                {
                    order.Enqueue(rest);
                }
            }
        }

        var groups = members.Select((m, g) => new InspectionGroup(
            g + 1,
            m.First(i => i.DepartmentId == campaign.Lead).CertificateNumber,
            m,
            [.. entities.Select(e => e.Uscc).Where(groupEntities[g].Contains)])).ToList();
        return new DrawOutcome(
            new Draw(
                campaign.Id,
                input.DrawnOn,
                Algorithm,
                input.Seed,
                campaign.SeedCommitment,
                input.DirectoryHash,
                rule,
                selection.EligibleCount,
                selection.Strata,
                [.. entities.Select(e => new DrawnEntity(e.Uscc, e.Name, e.Address, e.LegalRepresentative, e.RiskClass))],
                groups,
                recusals),
            null);
    }
}
