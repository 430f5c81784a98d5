using Campaigns.Core.Documents;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;

namespace Campaigns.Core.Engine;

/// <summary>
/// One tick of one annual plan: reconciles every campaign, then the office's own duties (plan publication,
/// its reminders and flag, and the leaders' breach report on working days while anything is overdue).
/// </summary>
public static class CampaignEngine
{
    /// <summary>Under the office's own folder: one worker runs many offices' plans, and each publishes its own plan.</summary>
    public static string PlanPublicationPath(AnnualPlan plan) =>
        $"{Paths.DocumentPaths.OfficeFolder(plan)}/plan-publication.html";

    public static TickOutcome Tick(TickContext context, OfficeFacts facts)
    {
        var plan = context.Plan;
        var today = context.Today;
        // Copied only when a campaign draws: the counts cover every entity drawn this year (a province's is some hundred
        // thousand), and most ticks draw nothing.
        Dictionary<string, int>? drawnThisTick = null;
        var draws = 0;
        var outcomes = new List<CampaignOutcome>();
        foreach (var campaign in plan.Campaigns)
        {
            var outcome = Reconciler.Reconcile(
                context with { JointChecksThisYear = drawnThisTick ?? context.JointChecksThisYear, DrawsEarlierThisTick = draws }, campaign, facts.For(campaign.Id));
            draws += outcome.NewDraw is null ? 0 : 1;
            foreach (var entity in outcome.NewDraw?.Entities ?? [])
            {
                drawnThisTick ??= new Dictionary<string, int>(context.JointChecksThisYear);
                drawnThisTick[entity.Uscc] = drawnThisTick.GetValueOrDefault(entity.Uscc) + 1;
            }
            outcomes.Add(outcome);
        }

        var published = plan.Office.PublishedOn is { } on && on <= today;
        // A flag keeps the earliest day it has applied: one whose earliest item was closed still counts from when it began,
        // so the leaders' report, the 催办 and the stored flag give one date.
        List<OverdueFlag> flags = [.. outcomes.SelectMany(o => o.Flags).Select(f => Earliest(f, facts.FlagsSince))];
        if (!published && today > plan.Office.PublishBy)
        {
            flags.Insert(0, new OverdueFlag(FlagKind.PlanNotPublished, plan.Key, "", plan.Office.PublishBy.AddDays(1), "年度抽查计划尚未公示"));
        }
        flags.AddRange(FrequencyGaps.Flags(plan, today, facts, outcomes).Select(f => Earliest(f, facts.FlagsSince)));
        var itemChanges = CheckItemChanges.For(context, facts.CheckItemChanges ?? []);
        flags.AddRange(itemChanges.Flags.Select(f => Earliest(f, facts.FlagsSince)));
        // The subject names the row, so `deliveries retry` can be found from the flag, and two dead letters never merge.
        flags.AddRange((facts.DeadLetters ?? []).Select(d => new OverdueFlag(
            FlagKind.DeliveryFailed, d.CampaignId ?? plan.Key, $"{d.RecipientEmail}#{d.Id}", d.Since,
            $"“{d.Subject}”未能送达{d.RecipientName}（{d.RecipientEmail}）{(d.LastError is null ? "" : $"：{d.LastError}")}")));

        var documents = new List<DocumentOrder>(itemChanges.Documents);
        var deliveries = new List<DeliveryOrder>(itemChanges.Deliveries);
        var publicationPath = PlanPublicationPath(plan);
        if (!facts.IssuedDocuments.Contains(publicationPath))
        {
            var milestones = CampaignTimeline.For(plan, context.Calendar);
            documents.Add(new DocumentOrder(publicationPath, "plan-publication", DocumentModels.PlanPublication(plan, milestones), null));
        }
        if (!published)
        {
            deliveries.AddRange(PublicationReminders(context, publicationPath));
        }
        if (flags.Count > 0 && IsReportDay(context.Calendar, today, plan.Breach))
        {
            deliveries.AddRange(BreachReports(context, flags));
            deliveries.AddRange(OverdueNotices(context, flags));
        }
        return new TickOutcome(outcomes, flags, documents, deliveries);
    }

    private static OverdueFlag Earliest(OverdueFlag flag, IReadOnlyDictionary<string, DateOnly>? stored) =>
        stored is not null && stored.TryGetValue(flag.Key, out var since) && since < flag.Since ? flag with { Since = since } : flag;

    private static IEnumerable<DeliveryOrder> PublicationReminders(TickContext context, string publicationPath)
    {
        var plan = context.Plan;
        var deadline = plan.Office.PublishBy;
        var due = ReminderPolicy.For(plan.Rules).PlanPublicationCalendarDays
            .Where(days => deadline.AddDays(-days) <= context.Today && context.Today <= deadline)
            .Order()
            .Cast<int?>()
            .FirstOrDefault();
        if (due is not { } days)
        {
            yield break;
        }
        foreach (var contact in plan.Office.Contacts.Where(c => c.Email is not null))
        {
            yield return new DeliveryOrder(
                $"{plan.Key}|reminder|plan-publication-deadline|{days}|{contact.Email}",
                "reminder",
                null,
                contact,
                "reminder",
                DocumentModels.Reminder(plan, null, contact, MilestoneKind.PlanPublicationDeadline, deadline, context.Calendar.CountWorkingDays(context.Today, deadline),
                    ["公示年度抽查计划（001 (八)：每年3月底前）"]),
                [publicationPath]);
        }
    }

    /// <summary>
    /// Overdue notices (催办) to whoever must still act, on the days the leaders' report goes out: each department
    /// missing results, the office for publicity, bulletin, summary and plan publication, the office and lead department
    /// for a blocked draw (the office alone while the plan is unpublished). They go to whom the leaders' report names as
    /// 责任单位 (<see cref="Whose"/>). They are reminders, so they join the day's digest; a dead letter is the leaders' and
    /// `deliveries`'.
    /// </summary>
    private static IEnumerable<DeliveryOrder> OverdueNotices(TickContext context, IReadOnlyList<OverdueFlag> flags)
    {
        var plan = context.Plan;
        foreach (var flag in flags)
        {
            var campaign = plan.Campaigns.FirstOrDefault(c => c.Id == flag.Scope);
            (string Deadline, IEnumerable<Contact> To, string Item)? notice = flag.Kind switch
            {
                FlagKind.ResultsOverdue => (MilestoneKind.ResultEntryDeadline.ChineseName(), plan.Department(flag.Subject).Contacts, $"录入检查结果（{flag.Detail}）"),
                FlagKind.FollowUpOverdue => (FollowUps.FollowUps.Deadline, plan.Department(flag.Subject).Contacts,
                    $"对发现的问题进行后续处理并登记（campaigns followup close）：{flag.Detail}"),
                FlagKind.PublicityOverdue when flag.Subject.Length > 0 => (MilestoneKind.PublicityDeadline.ChineseName(), plan.Department(flag.Subject).Contacts,
                    $"在信用信息公示系统公示本部门的抽查结果（谁检查、谁录入、谁公示），并登记公示网址和日期（campaigns publish --campaign {flag.Scope} --department {flag.Subject}）"),
                FlagKind.PublicityOverdue => (MilestoneKind.PublicityDeadline.ChineseName(), plan.Office.Contacts,
                    $"在信用信息公示系统和政府网站公示抽查结果，并登记公示网址和日期（campaigns publish --campaign {flag.Scope}）"),
                FlagKind.BulletinOverdue => (MilestoneKind.BulletinDeadline.ChineseName(), plan.Office.Contacts,
                    $"在政府门户网站行政执法平台“双随机一公开”栏目通报抽查情况（一抽查一通报，001 (十一)），并登记通报网址和日期（campaigns publish --bulletin --campaign {flag.Scope}）"),
                FlagKind.SummaryOverdue => (MilestoneKind.SummaryDue.ChineseName(), plan.Office.Contacts, "形成统计表和工作总结并报送"),
                FlagKind.ListConfirmationOverdue => (ListConfirmations.Deadline, plan.Department(flag.Subject).Contacts,
                    $"确认收到本部门的抽查名单并登记（campaigns confirm-list --campaign {flag.Scope} --department {flag.Subject}）：{flag.Detail}"),
                FlagKind.FrequencyGap => (FrequencyGaps.Deadline, plan.Department(flag.Subject).Contacts,
                    $"发起或参与一次部门联合抽查并完成双随机抽取（{plan.Department(flag.Subject).Frequency.Describe()}）：{flag.Detail}"),
                FlagKind.CheckItemsUnpublished => (CheckItemChanges.Deadline, plan.Office.Contacts,
                    $"向社会公开调整后的抽查事项清单（004 §8），并登记网址和日期（campaigns publish-check-items --change {flag.Subject.TrimStart('#')} --url <网址> --on <日期>）：{flag.Detail}"),
                FlagKind.PlanNotPublished => (MilestoneKind.PlanPublicationDeadline.ChineseName(), plan.Office.Contacts, "公示年度抽查计划，并在计划中填写实际公示日期（published_on）"),
                FlagKind.DrawBlocked when campaign is not null && BlockedByUnpublishedPlan(flag) =>
                    (MilestoneKind.Draw.ChineseName(), plan.Office.Contacts, $"公示年度抽查计划，并在计划中填写实际公示日期（published_on），计划公示后即抽取：{flag.Detail}"),
                FlagKind.DrawBlocked when campaign is not null =>
                    (MilestoneKind.Draw.ChineseName(), plan.Office.Contacts.Concat(plan.Department(campaign.Lead).Contacts), $"解决抽取受阻的问题：{flag.Detail}"),
                _ => null,
            };
            if (notice is not { } n)
            {
                continue;
            }
            var due = flag.Kind == FlagKind.DrawBlocked ? flag.Since : flag.Since.AddDays(-1);
            var overdue = context.Calendar.CountWorkingDays(due, context.Today);
            foreach (var contact in n.To.Where(c => c.Email is not null).DistinctBy(c => c.Email))
            {
                yield return new DeliveryOrder(
                    $"{flag.Key}|overdue|{context.Today:yyyy-MM-dd}|{contact.Email}",
                    ReminderDigests.Kind,
                    campaign?.Id,
                    contact,
                    "reminder",
                    DocumentModels.OverdueNotice(plan, campaign?.Name, contact, n.Deadline, due, Math.Max(1, overdue), [n.Item]),
                    []);
            }
        }
    }

    /// <summary>Every working day; weekly, the first working day of the week (a Monday holiday moves it to Tuesday).</summary>
    public static bool IsReportDay(Calendar.WorkingCalendar calendar, DateOnly today, BreachReportPolicy policy)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return false;
        }
        if (!policy.Weekly)
        {
            return true;
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        for (var day = monday; day < today; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<DeliveryOrder> BreachReports(TickContext context, IReadOnlyList<OverdueFlag> flags)
    {
        var plan = context.Plan;
        List<BreachItem> items = [.. flags.Select(f => new BreachItem(
            plan.Campaigns.FirstOrDefault(c => c.Id == f.Scope)?.Name,
            $"{f.Kind.ChineseName()}（{f.Detail}）",
            Whose(plan, f),
            f.Since,
            context.Calendar.CountWorkingDays(f.Since.AddDays(-1), context.Today)))];
        foreach (var leader in plan.Leaders.Where(l => l.Email is not null))
        {
            yield return new DeliveryOrder(
                $"{plan.Key}|breach-report|{context.Today:yyyy-MM-dd}|{leader.Email}",
                "breach-report",
                null,
                leader,
                "breach-report",
                DocumentModels.BreachReport(plan, context.Today, items),
                []);
        }
        // The next level up hears only of what has stayed overdue long enough to need them.
        if (plan.Breach.EscalateAfterWorkingDays is { } after && items.Where(i => i.WorkingDaysOverdue >= after).ToList() is { Count: > 0 } escalated)
        {
            foreach (var senior in plan.Breach.EscalateTo.Where(l => l.Email is not null))
            {
                yield return new DeliveryOrder(
                    $"{plan.Key}|breach-escalation|{context.Today:yyyy-MM-dd}|{senior.Email}",
                    "breach-report",
                    null,
                    senior,
                    "breach-report",
                    DocumentModels.BreachReport(plan, context.Today, escalated, escalatedAfter: after),
                    []);
            }
        }
    }

    private static bool BlockedByUnpublishedPlan(OverdueFlag flag) =>
        flag.Kind == FlagKind.DrawBlocked && flag.Detail.StartsWith(Reconciler.PlanUnpublishedCause, StringComparison.Ordinal);

    /// <summary>The 责任单位 a leader reads: the same as whom the 催办 for the flag goes to (<see cref="OverdueNotices"/>).</summary>
    private static string Whose(AnnualPlan plan, OverdueFlag flag) => flag.Kind switch
    {
        FlagKind.PublicityOverdue when flag.Subject.Length > 0 => plan.Department(flag.Subject).Name,
        FlagKind.PlanNotPublished or FlagKind.PublicityOverdue or FlagKind.BulletinOverdue or FlagKind.SummaryOverdue or FlagKind.CheckItemsUnpublished => plan.Office.Name,
        FlagKind.DrawBlocked when BlockedByUnpublishedPlan(flag) => plan.Office.Name,
        FlagKind.DrawBlocked => $"{plan.Office.Name}、{plan.Department(plan.Campaign(flag.Scope).Lead).Name}",
        FlagKind.DeliveryFailed => $"{plan.Office.Name}（邮件发送）",
        _ => plan.Department(flag.Subject.Length > 0 ? flag.Subject : plan.Campaign(flag.Scope).Lead).Name,
    };
}
