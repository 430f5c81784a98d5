using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// Results' publicity by whoever inspected (谁检查、谁录入、谁公示: 002 五(三)7, 003 §20(四), 004 §23), for a plan that sets
/// `publicity_by: department`: a department has published once it or the office (for all) confirmed it by today.
/// </summary>
public static class DepartmentPublicity
{
    public static bool Published(CampaignPlan campaign, CampaignFacts facts, DateOnly today) =>
        facts.Publication is { } office && office.On <= today
        || campaign.Rules.PublicityByDepartment && Missing(campaign, facts, today).Count == 0;

    /// <summary>The campaign's departments whose publicity nobody has confirmed by <paramref name="today"/>, lead first.</summary>
    public static IReadOnlyList<string> Missing(CampaignPlan campaign, CampaignFacts facts, DateOnly today) =>
        facts.Publication is { } office && office.On <= today
            ? []
            : [.. campaign.AllDepartments.Where(d => !(facts.DepartmentPublications is { } own && own.TryGetValue(d, out var p) && p.On <= today))];
}
