using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Timeline;

public class CampaignTimelineTests
{
    [Fact]
    public void For_Plan_OfficeDeadlineThenCampaignMilestonesInDateOrder()
    {
        var timeline = CampaignTimeline.For(TestPlans.Plan(), Calendars.Shipped);
        timeline.Select(m => (m.CampaignId, m.Kind, m.Date)).ShouldBe(
        [
            (null, MilestoneKind.PlanPublicationDeadline, new DateOnly(2024, 3, 31)),
            ("qh-2024-netcafe", MilestoneKind.Draw, new DateOnly(2024, 4, 9)),
            ("qh-2024-netcafe", MilestoneKind.WindowStart, new DateOnly(2024, 4, 9)),
            ("qh-2024-netcafe", MilestoneKind.WindowEnd, new DateOnly(2024, 5, 31)),
            ("qh-2024-netcafe", MilestoneKind.PublicityDeadline, new DateOnly(2024, 6, 24)),
            ("qh-2024-netcafe", MilestoneKind.SummaryDue, new DateOnly(2024, 6, 30)),
            ("qh-2024-netcafe", MilestoneKind.ResultEntryDeadline, new DateOnly(2024, 7, 1)),
        ]);
        timeline.ShouldAllBe(m => !m.Provisional);
    }

    [Fact]
    public void For_CampaignRulesOverride_UsesCampaignsOwnWorkingDays()
    {
        var campaign = TestPlans.NetCafe() with { Rules = PlanRules.Default with { ResultEntryWorkingDays = 10 } };
        CampaignTimeline.For(TestPlans.Plan(), campaign, Calendars.Shipped)
            .Single(m => m.Kind == MilestoneKind.ResultEntryDeadline).Date.ShouldBe(new DateOnly(2024, 6, 17)); // 3–7 Jun (5), 11–14 (9, Dragon Boat on the 10th), 17 Jun (10)
    }

    [Fact]
    public void For_NoSummaryDue_NoSummaryMilestone() =>
        CampaignTimeline.For(TestPlans.Plan(), TestPlans.NetCafe() with { SummaryDue = null }, Calendars.Shipped)
            .ShouldNotContain(m => m.Kind == MilestoneKind.SummaryDue);

    [Fact]
    public void WireNames_AreTheDocumentedOnes() =>
        Enum.GetValues<MilestoneKind>().Select(k => k.WireName()).ShouldBe(
            ["plan-publication-deadline", "draw", "window-start", "window-end", "result-entry-deadline", "publicity-deadline", "summary-due"]);
}
