using Campaigns.Core.Directories;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Draws;

/// <summary>
/// The double-random draw (双随机抽取): entities by <see cref="EntitySelection"/> (stratified by credit-risk class when
/// the plan sets ratios per class), then inspectors and groups by <see cref="GroupAssignment"/>. Both rules go into
/// the record, so <see cref="DrawVerifier"/> (and anyone else) can recompute the whole draw.
/// </summary>
public static class DoubleRandomDraw
{
    /// <summary>
    /// v2: the directory hash is over the snapshot's file bytes (with departments.csv), strata show ratio and top-up apart,
    /// the 004 §14 minimum is per department, substitutions draw from the draw's snapshot. v1 records are not verified.
    /// </summary>
    public const string Algorithm = "stratified-hmac-sha256/v2";

    public static DrawOutcome Run(AnnualPlan plan, CampaignPlan campaign, DrawInput input)
    {
        var scope = campaign.Scope;
        var cap = campaign.Rules.MaxJointChecksPerEntityPerYear;
        var rule = new EntityRule(
            scope.Industry,
            scope.Region,
            campaign.Sampling.Ratio,
            campaign.Sampling.Minimum,
            campaign.Sampling.ByRisk,
            [.. input.JointChecksThisYear
                .Where(c => c.Value >= cap)
                .Select(c => c.Key)
                .Where(uscc => input.Entities.Find(uscc) is var p && p >= 0 && input.Entities.InScope(p, scope.Industry, scope.Region))
                .Order(StringComparer.Ordinal)],
            cap);
        var selection = EntitySelection.Select(campaign.Id, input.Seed, rule, input.Entities);
        if (selection.EligibleCount == 0)
        {
            return DrawOutcome.Refused($"检查对象名录库中没有符合抽查范围的检查对象（行业：{scope.Industry ?? "不限"}，区域：{scope.Region ?? "不限"}）");
        }

        var departments = campaign.AllDepartments.Select(plan.Department).Select(d => new DrawDepartment(d.Id, d.Name)).ToList();
        var inspectorRule = new InspectorRule(campaign.Groups, campaign.InspectorsPerDepartment, campaign.Lead, departments, GroupAssignment.MinimumDirectory);
        var assignment = GroupAssignment.Assign(
            campaign.Id, input.Seed, input.DrawnOn, inspectorRule, [.. selection.Selected.Select(e => e.Uscc)], input.Inspectors);
        if (assignment.Refusal is { } refusal)
        {
            return DrawOutcome.Refused(refusal);
        }
        IReadOnlyList<SnapshotFile> files = [.. input.DirectoryFiles, SnapshotFile.Of(DrawDepartments.FileName, DrawDepartments.Csv(departments))];
        var ledger = input.Commitments ?? [];
        return new DrawOutcome(
            new Draw(
                campaign.Id,
                input.DrawnOn,
                input.YearSequence,
                Algorithm,
                input.Seed,
                campaign.SeedCommitment,
                ledger,
                Seeds.Status(campaign.SeedCommitment, ledger),
                DirectoryHash.Of(files),
                files,
                rule,
                inspectorRule,
                selection.EligibleCount,
                selection.Strata,
                [.. selection.Selected.Select(e => new DrawnEntity(e.Uscc, e.Name, e.Address, e.LegalRepresentative, e.RiskClass))],
                assignment.Groups!,
                assignment.Recusals),
            null);
    }
}
