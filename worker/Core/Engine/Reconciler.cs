using Campaigns.Core.Draws;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;
using Stateless;

namespace Campaigns.Core.Engine;

/// <summary>
/// Given the plan, what has been recorded and today, decides which triggers are due, fires them through the
/// lifecycle, and returns the transitions, flags, documents and messages they owe. Pure: the same inputs give
/// the same outcome, which is what makes ticks idempotent and a restart harmless.
/// </summary>
public static class Reconciler
{
    public static CampaignOutcome Reconcile(TickContext context, CampaignPlan campaign, CampaignFacts facts)
    {
        var plan = context.Plan;
        var today = context.Today;
        var milestones = Milestones.Get(campaign, plan, context.Calendar,
            () => CampaignTimeline.For(plan, campaign, context.Calendar).ToDictionary(m => m.Kind));
        var state = facts.State;
        var draw = facts.Draw;
        DrawOutcome? attempt = null;

        var guards = new LifecycleGuards(
            PlanPublished: () => plan.Office.PublishedOn is { } published && published <= today,
            DrawDue: () => today >= campaign.DrawOn && (attempt ??= TryDraw(context, campaign, facts.Commitments ?? [])).Draw is not null,
            WindowStarted: () => today >= campaign.Window.Start,
            WindowEnded: () => today > campaign.Window.End,
            ResultsComplete: () => draw is not null && MissingResults.Of(campaign, draw, facts.Results).Count == 0,
            PublicationConfirmed: () => DepartmentPublicity.Published(campaign, facts, today),
            ArchiveRequested: () => facts.ArchiveRequestedOn is { } requested && requested <= today,
            CancelRequested: () => campaign.CancelledReason is not null);
        var transitions = new List<TransitionRecord>();
        var effects = new CampaignEffects(plan, campaign, milestones);
        // An archived or cancelled campaign leaves its state no more: no machine to ask (in the generated 200-campaign year,
        // about half of all campaign-days).
        if (!CampaignLifecycle.Final.Contains(state))
        {
            var walker = _machine ??= new CampaignMachine();
            walker.Start(state, guards);
            try
            {
                while (NextDue(walker.Machine) is { } trigger)
                {
                    var from = state;
                    walker.Machine.Fire(trigger);
                    state = walker.State;
                    if (trigger == CampaignTrigger.Draw)
                    {
                        draw = attempt!.Draw!;
                    }
                    transitions.Add(new TransitionRecord(campaign.Id, today, from, state, trigger, Describe(trigger, campaign, draw)));
                    effects.OnTransition(trigger, draw, facts.Results);
                }
            }
            finally
            {
                walker.Release();
            }
        }

        var flags = Flags(context, campaign, facts, state, draw, attempt, milestones);
        var reminders = Reminders.For(context, campaign, state, draw, facts.Results, milestones, facts.Bulletin, DepartmentPublicity.Missing(campaign, facts, today))
            .Concat(Reminders.ForFollowUps(context, campaign, draw, facts.Results, facts.FollowUpClosures ?? []))
            .Concat(ListConfirmations.Reminders(context, campaign, state, draw, facts));
        return new CampaignOutcome(
            campaign.Id,
            state,
            transitions,
            facts.Draw is null ? draw : null,
            flags,
            effects.Documents,
            [.. effects.Deliveries, .. reminders]);
    }

    // The lifecycle's machine, built once per thread rather than per campaign and tick (CampaignMachine).
    [ThreadStatic]
    private static CampaignMachine? _machine;

    // A campaign's dates change only with its plan or the calendar, which are read again only when their files change.
    private static readonly Remembered<CampaignPlan, IReadOnlyDictionary<MilestoneKind, Milestone>> Milestones = new();

    /// <summary>Whose result is missing: the department's inspectors in the group that visits the entity.</summary>
    private static string Inspectors(IReadOnlyDictionary<string, InspectionGroup> groupOf, string departmentId, string uscc) =>
        groupOf.TryGetValue(uscc, out var group)
            ? $"第{group.Number}检查组 {string.Join("、", group.Members.Where(m => m.DepartmentId == departmentId).Select(m => m.Name))}"
            : "未分组";

    /// <summary>The first trigger, in the lifecycle's order, that may fire now.</summary>
    private static CampaignTrigger? NextDue(StateMachine<CampaignState, CampaignTrigger> machine) =>
        CampaignLifecycle.TriggerOrder.Where(t => machine.CanFire(t)).Cast<CampaignTrigger?>().FirstOrDefault();

    /// <summary>Whether <paramref name="state"/> comes before <paramref name="target"/> on the main path.</summary>
    public static bool IsBefore(CampaignState state, CampaignState target) =>
        state != CampaignState.Cancelled && state < target;

    private static DrawOutcome TryDraw(TickContext context, CampaignPlan campaign, IReadOnlyList<CommitmentEntry> commitments)
    {
        if (context.Directory is not { } directory)
        {
            return DrawOutcome.Refused("未找到检查对象名录库和执法检查人员名录库");
        }
        if (campaign.SeedCommitment is not null && campaign.Seed is null)
        {
            return DrawOutcome.Refused("抽取种子已事先承诺但尚未揭示：请在抽取会上公布种子，并填入计划的 seed 字段");
        }
        // The plan catalog refuses a plan whose commitment differs from the ledger's; this holds the line for any other way in.
        if (commitments.Count > 0 && !string.Equals(commitments[^1].Commitment, campaign.SeedCommitment, StringComparison.OrdinalIgnoreCase))
        {
            return DrawOutcome.Refused(
                $"抽取种子承诺值与首次记录的不同（首次记录 {commitments[^1].Commitment[..12]}…，{commitments[^1].FirstSeenAt:yyyy-MM-dd HH:mm}）：须在计划中写明重新承诺的理由和批准领导");
        }
        var input = new DrawInput(
            campaign.Seed ?? context.DefaultSeed,
            context.Today,
            directory.Index,
            directory.InspectorsIn(campaign.AllDepartments.Select(context.Plan.Department).SelectMany(d => new[] { d.Id, d.Name })),
            directory.Files,
            context.JointChecksThisYear,
            (context.DrawsThisYear?.Value ?? 0) + context.DrawsEarlierThisTick + 1,
            commitments);
        return DoubleRandomDraw.Run(context.Plan, campaign, input);
    }

    private static string Describe(CampaignTrigger trigger, CampaignPlan campaign, Draw? draw) => trigger switch
    {
        CampaignTrigger.Draw => $"drew {draw!.Entities.Count} of {draw.EligibleCount} entities and {draw.Groups.Sum(g => g.Members.Count)} inspectors",
        CampaignTrigger.Cancel => $"cancelled: {campaign.CancelledReason}",
        _ => "",
    };

    /// <summary>
    /// The cause a draw-blocked flag names when the plan is not yet published: nothing may be drawn before (001 (八)).
    /// Leaders read it; the 催办 for it goes to the office alone, the only one who can publish.
    /// </summary>
    public const string PlanUnpublishedCause = "年度抽查计划未公示，001 (八)";

    /// <summary>The milestones a campaign that was never drawn misses in turn: consequences of its blocked draw, not breaches of their own.</summary>
    private static readonly MilestoneKind[] Consequences =
        [MilestoneKind.WindowStart, MilestoneKind.ResultEntryDeadline, MilestoneKind.PublicityDeadline, MilestoneKind.BulletinDeadline, MilestoneKind.SummaryDue];

    private static List<OverdueFlag> Flags(
        TickContext context, CampaignPlan campaign, CampaignFacts facts, CampaignState state, Draw? draw,
        DrawOutcome? attempt, IReadOnlyDictionary<MilestoneKind, Milestone> milestones)
    {
        var today = context.Today;
        var flags = new List<OverdueFlag>();
        // A campaign still in Draft on its draw day is waiting for the plan's publication; one in Published was refused.
        var blockedBy = state switch
        {
            CampaignState.Draft when today >= campaign.DrawOn => $"{PlanUnpublishedCause}：计划公示后方可抽取",
            CampaignState.Published when attempt?.Refusal is { } refusal => refusal,
            _ => null,
        };
        if (blockedBy is not null)
        {
            var missed = Consequences.Where(k => milestones.TryGetValue(k, out var m) && m.Date < today)
                .Select(k => $"{k.ChineseName()}（{milestones[k].Date:yyyy-MM-dd}）").ToList();
            flags.Add(new OverdueFlag(FlagKind.DrawBlocked, campaign.Id, "", campaign.DrawOn,
                missed.Count == 0 ? blockedBy : $"{blockedBy}；因未抽取，以下环节随之未能进行：{string.Join("、", missed)}"));
        }

        flags.AddRange(ListConfirmations.Flags(context, campaign, state, draw, facts));

        var resultDeadline = milestones[MilestoneKind.ResultEntryDeadline].Date;
        if (draw is not null && state != CampaignState.Cancelled && today > resultDeadline)
        {
            var missing = MissingResults.Of(campaign, draw, facts.Results);
            var groupOf = missing.Count == 0 ? new Dictionary<string, InspectionGroup>() : GroupEntities.GroupOf(draw);
            foreach (var (departmentId, entities) in missing)
            {
                flags.Add(new OverdueFlag(
                    FlagKind.ResultsOverdue, campaign.Id, departmentId, resultDeadline.AddDays(1),
                    $"缺少{entities.Count}户检查对象的检查结果：{string.Join("、", entities.Select(e => $"{e.Name}（{Inspectors(groupOf, departmentId, e.Uscc)}）"))}"));
            }
        }

        // A campaign never drawn has nothing to publish or report: its draw-blocked flag names those as consequences.
        var publicityDeadline = milestones[MilestoneKind.PublicityDeadline].Date;
        if (draw is not null && IsBefore(state, CampaignState.Publicized) && today > publicityDeadline)
        {
            if (campaign.Rules.PublicityByDepartment)
            {
                // 谁检查、谁录入、谁公示: the department that has not published is the one late, and the one leaders read.
                flags.AddRange(DepartmentPublicity.Missing(campaign, facts, today).Select(d => new OverdueFlag(
                    FlagKind.PublicityOverdue, campaign.Id, d, publicityDeadline.AddDays(1), "本部门抽查结果尚未公示（谁检查、谁录入、谁公示，002 五(三)7、003 §20(四)、004 §23）")));
            }
            else
            {
                flags.Add(new OverdueFlag(FlagKind.PublicityOverdue, campaign.Id, "", publicityDeadline.AddDays(1), "抽查结果尚未公示"));
            }
        }

        // The office's own bulletin (001 (十一)) stands apart from the lifecycle: it is owed even once the campaign has moved on.
        if (draw is not null && state != CampaignState.Cancelled && milestones.TryGetValue(MilestoneKind.BulletinDeadline, out var bulletin)
            && today > bulletin.Date && !(facts.Bulletin is { } confirmed && confirmed.On <= today))
        {
            flags.Add(new OverdueFlag(FlagKind.BulletinOverdue, campaign.Id, "", bulletin.Date.AddDays(1), "抽查情况尚未在政府门户网站通报（一抽查一通报，001 (十一)）"));
        }

        // Per department, the problems found and not yet dealt with 7 working days after the result (003 §20(三)).
        if (draw is not null)
        {
            var overdue = FollowUps.FollowUps.Open(facts.Results, facts.FollowUpClosures ?? [], context.Calendar).Where(f => today > f.Due).ToList();
            Dictionary<string, string> names = overdue.Count == 0 ? [] : draw.Entities.ToDictionary(e => e.Uscc, e => e.Name);
            foreach (var late in overdue.GroupBy(f => f.Result.DepartmentId))
            {
                flags.Add(new OverdueFlag(
                    FlagKind.FollowUpOverdue, campaign.Id, late.Key, late.Min(f => f.Due).AddDays(1),
                    $"{late.Count()}户检查对象发现的问题尚未后续处理：{string.Join("、", late.Select(f => $"{names.GetValueOrDefault(f.Result.Uscc, f.Result.Uscc)}（结果{(int)f.Result.Code}，期限{f.Due:yyyy-MM-dd}）"))}"));
            }
        }

        if (draw is not null && campaign.SummaryDue is { } summaryDue && IsBefore(state, CampaignState.Reported) && today > summaryDue)
        {
            flags.Add(new OverdueFlag(FlagKind.SummaryOverdue, campaign.Id, "", summaryDue.AddDays(1), "统计表和工作总结尚未形成"));
        }
        return flags;
    }
}
