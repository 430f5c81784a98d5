using Campaigns.Core.Plans;

namespace Campaigns.Core.Draws;

/// <summary>
/// The double-random draw (双随机抽取): entities by <see cref="EntitySelection"/> (stratified by credit-risk class when
/// the plan sets ratios per class), then inspectors per department from <see cref="DrawStream"/> over qualified,
/// non-conflicting inspectors sorted by certificate number. One inspection group takes every entity.
/// </summary>
public static class DoubleRandomDraw
{
    public const string Algorithm = "stratified-hmac-sha256/v1";

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
        var usccs = entities.Select(e => e.Uscc).ToHashSet();
        var members = new List<DrawnInspector>();
        foreach (var departmentId in campaign.AllDepartments)
        {
            var department = plan.Department(departmentId);
            var pool = input.Inspectors
                .Where(i => i.Unit == department.Id || i.Unit == department.Name)
                .Where(i => i.IsQualifiedOn(input.DrawnOn))
                .Where(i => !i.Conflicts.Any(usccs.Contains))
                .OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)
                .ToList();
            if (pool.Count < campaign.InspectorsPerDepartment)
            {
                return DrawOutcome.Refused(
                    $"{department.Name}执法检查人员不足：需要{campaign.InspectorsPerDepartment}名持有效执法证且无需回避的人员，名录库中仅有{pool.Count}名");
            }
            var drawn = new DrawStream(input.Seed, $"{campaign.Id}|inspectors|{department.Id}").Choose(pool, campaign.InspectorsPerDepartment);
            members.AddRange(drawn.Select(i => new DrawnInspector(i.CertificateNumber, i.Name, department.Id, i.Email)));
        }

        var leader = members.First(m => m.DepartmentId == campaign.Lead);
        var group = new InspectionGroup(1, leader.CertificateNumber, members, [.. entities.Select(e => e.Uscc)]);
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
                [group]),
            null);
    }
}
