using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>
/// A drawn campaign never disappears because its plan file lost it (a save cut short that still parses, a block deleted
/// by mistake): entities and inspectors were told, inspection is under way, and deadlines are still owed. It keeps
/// running from the store with its part of the last plan version that listed it, and the office is told, version by
/// version, until the plan lists it again (cancelling it there with a reason, if that is what was meant). That version's
/// text is kept in <c>last_good_plans</c> under <see cref="Key"/>, so a restart, or a second instance, runs it too.
/// </summary>
internal static class DrawnCampaigns
{
    /// <summary>From the draw on, up to its report; archived and cancelled campaigns owe nothing more.</summary>
    private static readonly HashSet<CampaignState> Drawn =
    [
        CampaignState.Drawn, CampaignState.Notified, CampaignState.Inspecting, CampaignState.ResultEntry,
        CampaignState.AwaitingPublication, CampaignState.Publicized, CampaignState.Reported,
    ];

    /// <summary>The <c>last_good_plans</c> key of the last version of <paramref name="planFile"/> that listed the campaign.</summary>
    public static string Key(string planFile, string campaignId) => $"{planFile}#drawn/{campaignId}";

    /// <summary>
    /// <paramref name="plan"/> with every drawn campaign of its office and year that it no longer lists added back (with
    /// the departments they name), and a warning for each. Call before the new version is accepted: the file's last good
    /// version is then still the one before it.
    /// </summary>
    public static (AnnualPlan Plan, IReadOnlyList<PlanProblem> Missing) Keep(
        CampaignStore store, AnnualPlan plan, string planFile, string text, string shown, DateTimeOffset now, string instance)
    {
        var listed = plan.Campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var dropped = store.CampaignsOf(plan.Key)
            .Where(c => !listed.Contains(c.Id) && Enum.TryParse<CampaignState>(c.State, out var state) && Drawn.Contains(state))
            .ToList();
        if (dropped.Count == 0)
        {
            return (plan, []);
        }
        var previous = store.LastGoodPlan(planFile);
        var campaigns = new List<CampaignPlan>();
        var departments = plan.Departments.ToList();
        var missing = new List<PlanProblem>();
        foreach (var row in dropped)
        {
            var source = Listing(previous, row.Id, shown);
            if (source is not null)
            {
                store.AcceptPlan(new LastGoodPlan(Key(planFile, row.Id), previous!.YamlText, previous.Sha256, now), instance);
            }
            else
            {
                source = Listing(store.LastGoodPlan(Key(planFile, row.Id)), row.Id, shown);
            }
            if (source is null)
            {
                // Drawn before this store kept plan versions: nothing to run it from.
                continue;
            }
            var campaign = source.Campaign(row.Id);
            campaigns.Add(campaign);
            departments.AddRange(source.Departments.Where(d => campaign.AllDepartments.Contains(d.Id) && departments.All(known => known.Id != d.Id)));
            missing.Add(new PlanProblem(ProblemSeverity.Warning, CampaignsLine(text, shown),
                $"已完成双随机抽取的抽查任务“{row.Id}”（{campaign.Name}）在本版计划中没有列出：它不会因此停止，仍按列有它的上一版计划继续执行。"
                + "请把它补回计划；如确需取消，请在计划中保留该任务并在 cancelled 中写明原因"));
        }
        return (plan with { Campaigns = [.. plan.Campaigns, .. campaigns], Departments = departments }, missing);
    }

    private static AnnualPlan? Listing(LastGoodPlan? version, string campaignId, string shown) =>
        version is not null && PlanParser.Parse(version.YamlText, shown).Plan is { } plan && plan.Campaigns.Any(c => c.Id == campaignId) ? plan : null;

    /// <summary>Where the campaigns list starts; the top of the file when it has none.</summary>
    private static SourceLocation CampaignsLine(string text, string shown)
    {
        var line = Array.FindIndex(text.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("campaigns:", StringComparison.Ordinal));
        return new SourceLocation(shown, line + 1 > 0 ? line + 1 : 1, 1);
    }
}
