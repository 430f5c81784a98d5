using Campaigns.Core.Calendar;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Simulation;

/// <summary>
/// Enters results the way offices would, so simulate shows the on-time, late and missing paths. Each
/// (entity, department) gets an entry day counted in working days after the window: on time, days 3–12
/// (inside both the publicity and the entry deadline); late, 1–4 working days past the entry deadline.
/// Days and codes come from the draw stream over the seed, so a run repeats exactly. One per simulation: the simulated
/// departments are the only ones entering results and closing follow-ups, so they keep what they owe and what they
/// entered instead of reading every plan's facts back each day.
/// </summary>
public sealed class ResultSynthesizer(ResultMode mode, string seed)
{
    // Per campaign, from the first day it is seen in result entry: the results still to enter, in the order they are entered.
    private readonly Dictionary<string, List<Owed>> _owed = new(StringComparer.Ordinal);
    // Per campaign, the entered results that need a follow-up not yet closed, in the order entered.
    private readonly Dictionary<string, List<ResultEntry>> _unfollowed = new(StringComparer.Ordinal);

    private sealed record Owed(string Uscc, string DepartmentId, DateOnly On, DateOnly InspectedOn, ResultCode Code, bool QuestionsAnswered);

    /// <summary>Whether <paramref name="campaignId"/> needs its draw before <see cref="Due"/> can say what it owes.</summary>
    public bool Knows(string campaignId) => mode == ResultMode.Missing || _owed.ContainsKey(campaignId);

    /// <summary>
    /// What the departments enter today for the campaigns in result entry (<paramref name="entering"/>, in plan order). A
    /// campaign not known yet (<see cref="Knows"/>) is learnt from <paramref name="facts"/>, which must then be given.
    /// </summary>
    public IReadOnlyList<ResultEntry> Due(IEnumerable<CampaignPlan> entering, OfficeFacts? facts, WorkingCalendar calendar, DateOnly today)
    {
        if (mode == ResultMode.Missing)
        {
            return [];
        }
        var entries = new List<ResultEntry>();
        foreach (var campaign in entering)
        {
            if (!_owed.TryGetValue(campaign.Id, out var owed))
            {
                var campaignFacts = facts!.For(campaign.Id);
                if (campaignFacts.Draw is not { } draw)
                {
                    continue;
                }
                _owed[campaign.Id] = owed = Schedule(campaign, draw, campaignFacts.Results, calendar);
            }
            foreach (var o in owed.Where(o => o.On <= today))
            {
                var entry = new ResultEntry(campaign.Id, o.Uscc, o.DepartmentId, o.Code, o.InspectedOn, today, "simulate 合成", QuestionsAnswered: o.QuestionsAnswered);
                entries.Add(entry);
                if (FollowUps.Needs(entry))
                {
                    (_unfollowed.TryGetValue(campaign.Id, out var open) ? open : _unfollowed[campaign.Id] = []).Add(entry);
                }
            }
            owed.RemoveAll(o => o.On <= today);
        }
        return entries;
    }

    /// <summary>Every result of the draw not entered yet, with the day it is entered on and what it says.</summary>
    private List<Owed> Schedule(CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results, WorkingCalendar calendar)
    {
        var entered = results.Select(r => (r.Uscc, r.DepartmentId)).ToHashSet();
        var owed = new List<Owed>();
        foreach (var entity in draw.Entities)
        {
            foreach (var departmentId in campaign.AllDepartments.Where(d => !entered.Contains((entity.Uscc, d))))
            {
                var stream = new DrawStream(seed, $"{campaign.Id}|results|{entity.Uscc}|{departmentId}");
                var day = FirstEntryDay(campaign) + stream.Below(mode == ResultMode.OnTime ? 10 : 4);
                var on = calendar.AddWorkingDays(campaign.Window.End, day).Date;
                var inspected = campaign.Window.Start.AddDays(stream.Below(campaign.Window.End.DayNumber - campaign.Window.Start.DayNumber + 1));
                // Drawn last, so adding it left every earlier simulated result as it was.
                var code = Code(stream);
                owed.Add(new Owed(entity.Uscc, departmentId, on, inspected, code, QuestionsAnswered: stream.Below(3) == 0));
            }
        }
        return owed;
    }

    /// <summary>The working day after the window on which the earliest result may be entered.</summary>
    private int FirstEntryDay(CampaignPlan campaign) => mode == ResultMode.OnTime ? 3 : campaign.Rules.ResultEntryWorkingDays + 1;

    /// <summary>
    /// The follow-ups the simulated departments close today, campaign by campaign in plan order: on time, the day the
    /// result is entered (before the tick); late, three days after it, so the follow-up-overdue path shows too.
    /// </summary>
    public IReadOnlyList<FollowUpClosure> Closures(AnnualPlan plan, DateOnly today)
    {
        var lag = mode == ResultMode.OnTime ? 0 : 3;
        var closures = new List<FollowUpClosure>();
        foreach (var campaign in plan.Campaigns)
        {
            if (_unfollowed.TryGetValue(campaign.Id, out var open))
            {
                closures.AddRange(open.Where(r => r.EnteredOn.AddDays(lag) <= today)
                    .Select(r => new FollowUpClosure(r.CampaignId, r.Uscc, r.DepartmentId, ActionFor(r.Code), "simulate 合成：已处理", today)));
                open.RemoveAll(r => r.EnteredOn.AddDays(lag) <= today);
            }
        }
        return closures;
    }

    private static FollowUpAction ActionFor(ResultCode code) => code switch
    {
        ResultCode.RequiredInformationNotPublished or ResultCode.PublishedInformationFalse or ResultCode.SeriousRefusalToCooperate => FollowUpAction.Abnormal,
        ResultCode.ProblemFoundFollowUpPending or ResultCode.NonCompliant => FollowUpAction.Case,
        _ => FollowUpAction.Guidance,
    };

    // Mostly clean results, with the problem codes frequent enough that statistics have something to count.
    private static ResultCode Code(DrawStream stream) => stream.Below(20) switch
    {
        < 12 => ResultCode.NoProblemFound,
        < 15 => ResultCode.Compliant,
        < 17 => ResultCode.ProblemFoundCorrectionOrdered,
        17 => ResultCode.ProblemFoundFollowUpPending,
        18 => ResultCode.RequiredInformationNotPublished,
        _ => ResultCode.NoSuchBusinessActivityFound,
    };
}
