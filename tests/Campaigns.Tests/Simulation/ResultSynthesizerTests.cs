using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Results;
using Campaigns.Simulation;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Simulation;

public class ResultSynthesizerTests
{
    private static readonly Campaigns.Core.Plans.AnnualPlan Plan = TestPlans.Plan(TestPlans.PublishedOn);

    private static OfficeFacts InResultEntry()
    {
        var draw = CampaignEngine.Tick(
            new TickContext(Plan, Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(), "seed", new Dictionary<string, int>()),
            OfficeFacts.None).Campaigns[0].NewDraw!;
        var campaign = Plan.Campaigns[0].Id;
        return new OfficeFacts(new Dictionary<string, CampaignFacts> { [campaign] = CampaignFacts.New(campaign) with { State = CampaignState.ResultEntry, Draw = draw } }, new HashSet<string>());
    }

    /// <summary>Day by day from the window's end, as simulate asks: the facts only while the synthesizer does not know the campaign.</summary>
    private static List<(DateOnly Day, IReadOnlyList<ResultEntry> Entered, IReadOnlyList<FollowUpClosure> Closed)> Run(ResultMode mode)
    {
        var synthesizer = new ResultSynthesizer(mode, "seed");
        var facts = InResultEntry();
        var days = new List<(DateOnly, IReadOnlyList<ResultEntry>, IReadOnlyList<FollowUpClosure>)>();
        for (var day = Plan.Campaigns[0].Window.End.AddDays(1); day <= new DateOnly(2024, 8, 31); day = day.AddDays(1))
        {
            var entered = synthesizer.Due(Plan.Campaigns, synthesizer.Knows(Plan.Campaigns[0].Id) ? null : facts, Calendars.Shipped, day);
            days.Add((day, entered, synthesizer.Closures(Plan, day)));
        }
        return days;
    }

    [Theory]
    [InlineData(ResultMode.OnTime, 0)]
    [InlineData(ResultMode.Late, 3)]
    public void Due_EachResultOnceOnItsDay_ClosuresAfterTheLag_TheSameEveryRun(ResultMode mode, int lag)
    {
        var days = Run(mode);
        var draw = InResultEntry().For(Plan.Campaigns[0].Id).Draw!;

        var entered = days.SelectMany(d => d.Entered.Select(e => (d.Day, Entry: e))).ToList();
        entered.Select(e => (e.Entry.Uscc, e.Entry.DepartmentId)).ShouldBe(
            draw.Entities.SelectMany(e => Plan.Campaigns[0].AllDepartments.Select(d => (e.Uscc, d))), ignoreOrder: true);
        entered.ShouldAllBe(e => e.Entry.EnteredOn == e.Day);
        entered.Select(e => e.Day).Distinct().Count().ShouldBeGreaterThan(1, "spread over several days");
        var closed = days.SelectMany(d => d.Closed.Select(c => (d.Day, Closure: c))).ToList();
        closed.Select(c => (c.Closure.Uscc, c.Closure.DepartmentId, c.Day)).ShouldBe(
            entered.Where(e => Campaigns.Core.FollowUps.FollowUps.Needs(e.Entry)).Select(e => (e.Entry.Uscc, e.Entry.DepartmentId, e.Day.AddDays(lag))), ignoreOrder: true);
        closed.ShouldNotBeEmpty();
        Run(mode).SelectMany(d => d.Entered).ShouldBe(entered.Select(e => e.Entry));
    }

    [Fact]
    public void Due_MissingResults_NeverEntersAnything()
    {
        var synthesizer = new ResultSynthesizer(ResultMode.Missing, "seed");
        synthesizer.Knows(Plan.Campaigns[0].Id).ShouldBeTrue("nothing to learn");
        synthesizer.Due(Plan.Campaigns, null, Calendars.Shipped, new DateOnly(2024, 8, 31)).ShouldBeEmpty();
        synthesizer.Closures(Plan, new DateOnly(2024, 8, 31)).ShouldBeEmpty();
    }
}
