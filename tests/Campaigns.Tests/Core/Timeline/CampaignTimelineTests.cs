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
            ("qh-2024-netcafe", MilestoneKind.SummaryDue, new DateOnly(2024, 6, 30)),
            // Publicity is 20 working days, like result entry (002 五(三)7, 003 §20(四), 004 §23): the same day, results first.
            ("qh-2024-netcafe", MilestoneKind.ResultEntryDeadline, new DateOnly(2024, 7, 1)),
            ("qh-2024-netcafe", MilestoneKind.PublicityDeadline, new DateOnly(2024, 7, 1)),
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
            ["plan-publication-deadline", "draw", "window-start", "window-end", "result-entry-deadline", "publicity-deadline", "bulletin-deadline", "summary-due"]);

    [Fact]
    public void For_BulletinWorkingDays_AddsTheOfficesBulletinOnThe15thWorkingDay_001()
    {
        // 001 (十一): 一抽查一通报 within 15 working days of the inspection's end; 24 June 2024 is the 15th after 31 May.
        var campaign = TestPlans.NetCafe() with { Rules = PlanRules.Default with { BulletinWorkingDays = 15 } };
        CampaignTimeline.For(TestPlans.Plan(), campaign, Calendars.Shipped)
            .Single(m => m.Kind == MilestoneKind.BulletinDeadline).Date.ShouldBe(new DateOnly(2024, 6, 24));
        CampaignTimeline.For(TestPlans.Plan(), TestPlans.NetCafe(), Calendars.Shipped).ShouldNotContain(m => m.Kind == MilestoneKind.BulletinDeadline);
    }

    [Fact]
    public void WaitsForPublication_DrawWithoutPublishedPlan_True_001()
    {
        // 001 (八): the plan is published before anything is drawn.
        var draw = CampaignTimeline.For(TestPlans.Plan(), TestPlans.NetCafe(), Calendars.Shipped).Single(m => m.Kind == MilestoneKind.Draw);
        CampaignTimeline.WaitsForPublication(TestPlans.Plan(publishedOn: null), draw).ShouldBeTrue();
        CampaignTimeline.WaitsForPublication(TestPlans.Plan(new DateOnly(2024, 4, 10)), draw).ShouldBeTrue();
        CampaignTimeline.WaitsForPublication(TestPlans.Plan(TestPlans.PublishedOn), draw).ShouldBeFalse();
    }
}
