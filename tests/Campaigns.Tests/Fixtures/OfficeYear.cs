using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A year of one office's plan through the pure engine, day by day, with the facts kept in memory as the store would keep
/// them (states, draws, the flags' since); the `record` function of <see cref="Run"/> adds what the office records on a day (results,
/// publications, bulletins). Fast enough for a theory over several seeds' offices, with no database.
/// </summary>
public sealed class OfficeYear
{
    /// <summary>Each flag as first raised: the day, and the flag then.</summary>
    public Dictionary<string, (DateOnly On, OverdueFlag Flag)> Raised { get; } = [];

    /// <summary>The flags active on the last day.</summary>
    public IReadOnlyList<OverdueFlag> Active { get; private set; } = [];

    /// <summary>Every row of every leaders' breach report, with its day.</summary>
    public List<(DateOnly Day, BreachReport.Row Row)> LeaderRows { get; } = [];

    /// <summary>Every message owed, the campaigns' and the office's, with its day.</summary>
    public List<(DateOnly Day, DeliveryOrder Order)> Deliveries { get; } = [];

    // itemChanges: the check-item list changes the store holds on a day (004 §8), as the catalog records them.
    public static OfficeYear Run(
        AnnualPlan plan, DateOnly from, DateOnly to, Func<DateOnly, CampaignFacts, CampaignFacts>? record = null,
        Func<DateOnly, IReadOnlyList<RecordedCheckItemChange>?>? itemChanges = null)
    {
        var year = new OfficeYear();
        var facts = plan.Campaigns.ToDictionary(c => c.Id, c => CampaignFacts.New(c.Id));
        var since = new Dictionary<string, DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var id in facts.Keys.ToList())
            {
                facts[id] = record?.Invoke(day, facts[id]) ?? facts[id];
            }
            var outcome = CampaignEngine.Tick(
                new TickContext(plan, Calendars.Shipped, day, TestPlans.Directory(), "office-year", new Dictionary<string, int>()),
                new OfficeFacts(facts, new HashSet<string>(), null, since, itemChanges?.Invoke(day)));
            foreach (var c in outcome.Campaigns)
            {
                facts[c.CampaignId] = facts[c.CampaignId] with { State = c.State, Draw = c.NewDraw ?? facts[c.CampaignId].Draw };
            }
            since = outcome.Flags.ToDictionary(f => f.Key, f => f.Since);
            foreach (var flag in outcome.Flags.Where(f => !year.Raised.ContainsKey(f.Key)))
            {
                year.Raised[flag.Key] = (day, flag);
            }
            year.Active = outcome.Flags;
            year.Deliveries.AddRange(outcome.Campaigns.SelectMany(c => c.Deliveries).Concat(outcome.Deliveries).Select(d => (day, d)));
            year.LeaderRows.AddRange(outcome.Deliveries.Where(d => d.Kind == "breach-report").Select(d => d.Model).OfType<BreachReport>()
                .Where(r => r.Rows.Count > 0).Take(1).SelectMany(r => r.Rows).Select(r => (day, r)));
        }
        return year;
    }

    public (DateOnly On, OverdueFlag Flag)? First(FlagKind kind) =>
        Raised.Values.Where(r => r.Flag.Kind == kind).OrderBy(r => r.On).Cast<(DateOnly, OverdueFlag)?>().FirstOrDefault();
}
