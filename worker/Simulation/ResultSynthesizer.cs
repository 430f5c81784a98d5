using Campaigns.Core.Calendar;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Simulation;

/// <summary>
/// Enters results the way offices would, so simulate shows the on-time, late and missing paths. Each
/// (entity, department) gets an entry day counted in working days after the window: on time, days 3–12
/// (inside both the publicity and the entry deadline); late, 1–4 working days past the entry deadline.
/// Days and codes come from the draw stream over the seed, so a run repeats exactly.
/// </summary>
public sealed class ResultSynthesizer(ResultMode mode, string seed)
{
    public IReadOnlyList<ResultEntry> Due(AnnualPlan plan, OfficeFacts facts, WorkingCalendar calendar, DateOnly today)
    {
        if (mode == ResultMode.Missing)
        {
            return [];
        }
        var entries = new List<ResultEntry>();
        foreach (var campaign in plan.Campaigns)
        {
            var campaignFacts = facts.For(campaign.Id);
            if (campaignFacts.Draw is not { } draw || campaignFacts.State != CampaignState.ResultEntry)
            {
                continue;
            }
            // Before the earliest entry day nothing is due: the draw stream of every (entity, department) is not worth
            // deriving each day of the entry period (a province year spent several percent of its time there).
            if (calendar.AddWorkingDays(campaign.Window.End, FirstEntryDay(campaign)).Date > today)
            {
                continue;
            }
            var entered = campaignFacts.Results.Select(r => (r.Uscc, r.DepartmentId)).ToHashSet();
            foreach (var entity in draw.Entities)
            {
                foreach (var departmentId in campaign.AllDepartments.Where(d => !entered.Contains((entity.Uscc, d))))
                {
                    var stream = new DrawStream(seed, $"{campaign.Id}|results|{entity.Uscc}|{departmentId}");
                    var day = FirstEntryDay(campaign) + stream.Below(mode == ResultMode.OnTime ? 10 : 4);
                    if (calendar.AddWorkingDays(campaign.Window.End, day).Date <= today)
                    {
                        var inspected = campaign.Window.Start.AddDays(stream.Below(campaign.Window.End.DayNumber - campaign.Window.Start.DayNumber + 1));
                        // Drawn last, so adding it left every earlier simulated result as it was.
                        entries.Add(new ResultEntry(campaign.Id, entity.Uscc, departmentId, Code(stream), inspected, today, "simulate 合成",
                            QuestionsAnswered: stream.Below(3) == 0));
                    }
                }
            }
        }
        return entries;
    }

    /// <summary>The working day after the window on which the earliest result may be entered.</summary>
    private int FirstEntryDay(CampaignPlan campaign) => mode == ResultMode.OnTime ? 3 : campaign.Rules.ResultEntryWorkingDays + 1;

    /// <summary>
    /// The follow-ups the simulated departments close today: on time, the day the result is entered (before the tick);
    /// late, three days after it, so the follow-up-overdue path shows too. Also whether any stay open after today's.
    /// </summary>
    public (IReadOnlyList<FollowUpClosure> Today, bool StillOpen) Closures(AnnualPlan plan, OfficeFacts facts, DateOnly today)
    {
        if (mode == ResultMode.Missing)
        {
            return ([], false);
        }
        var lag = mode == ResultMode.OnTime ? 0 : 3;
        var closures = new List<FollowUpClosure>();
        var stillOpen = false;
        foreach (var campaign in plan.Campaigns)
        {
            var campaignFacts = facts.For(campaign.Id);
            // The open ones as FollowUps.Of finds them, without the deadlines it counts on the calendar: not needed here.
            var closed = (campaignFacts.FollowUpClosures ?? []).Select(c => (c.Uscc, c.DepartmentId)).ToHashSet();
            foreach (var result in campaignFacts.Results.Where(r => FollowUps.Needs(r) && !closed.Contains((r.Uscc, r.DepartmentId))))
            {
                if (result.EnteredOn.AddDays(lag) <= today)
                {
                    closures.Add(new FollowUpClosure(result.CampaignId, result.Uscc, result.DepartmentId, ActionFor(result.Code), "simulate 合成：已处理", today));
                }
                else
                {
                    stillOpen = true;
                }
            }
        }
        return (closures, stillOpen);
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
