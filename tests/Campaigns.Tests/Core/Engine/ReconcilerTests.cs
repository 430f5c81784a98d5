using Campaigns.Core.FollowUps;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Engine;

public class ReconcilerTests
{
    // Window 2024-04-09..2024-05-31. Counting from Saturday 1 June, with 端午 on Monday 10 June off:
    // working days 3–7 Jun (5), 11–14 (9), 17–21 (14), 24 Jun is the 15th, 1 Jul the 20th. Publicity is 20 working
    // days like result entry (002 五(三)7, 003 §20(四), 004 §23), so both fall due on 1 July.
    private static readonly DateOnly PublicityDeadline = new(2024, 7, 1);
    private static readonly DateOnly ResultDeadline = new(2024, 7, 1);

    private static TickContext Context(DateOnly today, AnnualPlan? plan = null, DirectorySnapshot? directory = null) =>
        new(plan ?? TestPlans.Plan(TestPlans.PublishedOn), Calendars.Shipped, today, directory ?? TestPlans.Directory(), "default-seed",
            new Dictionary<string, int>());

    private static CampaignOutcome Reconcile(DateOnly today, CampaignFacts facts, AnnualPlan? plan = null, DirectorySnapshot? directory = null)
    {
        var context = Context(today, plan, directory);
        return Reconciler.Reconcile(context, context.Plan.Campaigns[0], facts);
    }

    /// <summary>The facts as the store would hold them after applying <paramref name="outcome"/>.</summary>
    private static CampaignFacts After(CampaignFacts facts, CampaignOutcome outcome) =>
        facts with { State = outcome.State, Draw = outcome.NewDraw ?? facts.Draw };

    private static CampaignFacts DrawnFacts()
    {
        var outcome = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe") with { State = CampaignState.Published });
        return After(CampaignFacts.New("qh-2024-netcafe"), outcome);
    }

    private static IReadOnlyList<ResultEntry> AllResults(CampaignFacts facts, DateOnly enteredOn) =>
        [.. facts.Draw!.Entities.SelectMany(e => new[] { "police", "market", "culture" }.Select(d =>
            new ResultEntry("qh-2024-netcafe", e.Uscc, d, ResultCode.NoProblemFound, new DateOnly(2024, 5, 10), enteredOn, null)))];

    [Fact]
    public void Reconcile_PlanNotPublished_StaysDraft()
    {
        var outcome = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe"), TestPlans.Plan(publishedOn: null));
        outcome.State.ShouldBe(CampaignState.Draft);
        outcome.Transitions.ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_PublishedBeforeDrawDay_OnlyPublishes()
    {
        var outcome = Reconcile(new DateOnly(2024, 4, 1), CampaignFacts.New("qh-2024-netcafe"));
        outcome.Transitions.Select(t => (t.From, t.To)).ShouldBe([(CampaignState.Draft, CampaignState.Published)]);
        outcome.NewDraw.ShouldBeNull();
    }

    [Fact]
    public void Reconcile_DrawDayThatOpensWindow_DrawsNotifiesAndStartsInspection()
    {
        var outcome = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe"));

        outcome.Transitions.Select(t => t.Trigger).ShouldBe(
            [CampaignTrigger.Publish, CampaignTrigger.Draw, CampaignTrigger.Notify, CampaignTrigger.StartInspection]);
        outcome.State.ShouldBe(CampaignState.Inspecting);
        var draw = outcome.NewDraw.ShouldNotBeNull();
        draw.Seed.ShouldBe("fixed-seed");
        draw.Entities.Count.ShouldBe(3);
        outcome.Documents.Select(d => d.Path).ShouldBe(
        [
            "2024/qh-2024-netcafe/draw-record.json",
            "2024/qh-2024-netcafe/draw-record.html",
            "2024/qh-2024-netcafe/inspection-record-group-1.html",
            "2024/qh-2024-netcafe/entity-notices.html",
            "2024/qh-2024-netcafe/deadlines.ics",
            "2024/qh-2024-netcafe/department-letter-police.html",
            "2024/qh-2024-netcafe/department-letter-market.html",
            "2024/qh-2024-netcafe/department-letter-culture.html",
            "2024/qh-2024-netcafe/group-1.ics",
        ]);
        // One letter to each department contact, one assignment to each of the six drawn inspectors.
        outcome.Deliveries.Count(d => d.Kind == "department-letter").ShouldBe(3);
        outcome.Deliveries.Count(d => d.Kind == "inspector-assignment").ShouldBe(6);
        // The lead department serves the entity notices: letter, form, deadlines and the three notices in one printable file.
        outcome.Deliveries.Single(d => d.Recipient.Email == "police@qinghe.example").Attachments.Count.ShouldBe(4);
        var notices = (EntityNotices)outcome.Documents.Single(d => d.Path.EndsWith("entity-notices.html", StringComparison.Ordinal)).Model;
        notices.Notices.Select(n => n.Uscc).ShouldBe(draw.Entities.Select(e => e.Uscc));
    }

    [Fact]
    public void Reconcile_AnnounceToEntitiesOff_NoEntityNotices()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { AnnounceToEntities = false });
        var outcome = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe"), plan);
        outcome.Documents.ShouldNotContain(d => d.Path.Contains("entity-notice"));
    }

    [Fact]
    public void Reconcile_SameFactsAgain_NoNewTransitionsOrDocuments()
    {
        var facts = DrawnFacts();
        var again = Reconcile(new DateOnly(2024, 4, 9), facts);
        again.Transitions.ShouldBeEmpty();
        again.Documents.ShouldBeEmpty();
        again.NewDraw.ShouldBeNull();
    }

    [Fact]
    public void Reconcile_DayAfterWindow_MovesToResultEntry()
    {
        var outcome = Reconcile(new DateOnly(2024, 6, 1), DrawnFacts());
        outcome.Transitions.Single().To.ShouldBe(CampaignState.ResultEntry);
    }

    [Fact]
    public void Reconcile_ResultsComplete_PreparesPublicity_ConfirmationMovesOnToTheReport()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        facts = facts with { Results = AllResults(facts, new DateOnly(2024, 6, 5)) };

        var prepared = Reconcile(new DateOnly(2024, 6, 5), facts);
        prepared.Transitions.Select(t => t.To).ShouldBe([CampaignState.AwaitingPublication]);
        prepared.Documents.Select(d => d.Path).ShouldBe(["2024/qh-2024-netcafe/results-publicity.html"]);
        prepared.Deliveries.Single(d => d.Kind == "results-publicity").Model.ShouldBeOfType<Campaigns.Core.Documents.CoverMail>()
            .Message.ShouldContain("campaigns publish --campaign qh-2024-netcafe");

        var waiting = facts with { State = CampaignState.AwaitingPublication };
        Reconcile(new DateOnly(2024, 6, 20), waiting).Transitions.ShouldBeEmpty();
        // Unconfirmed after the 20th working day (1 July) is a breach, not after the 15th (24 June).
        Reconcile(new DateOnly(2024, 6, 25), waiting).Flags.ShouldNotContain(f => f.Kind == FlagKind.PublicityOverdue);
        Reconcile(PublicityDeadline.AddDays(1), waiting).Flags.ShouldContain(f => f.Kind == FlagKind.PublicityOverdue && f.Since == PublicityDeadline.AddDays(1));

        var confirmed = Reconcile(new DateOnly(2024, 6, 21), waiting with { Publication = new Publication("https://www.gsxt.gov.cn/x", new DateOnly(2024, 6, 20)) });
        confirmed.Transitions.Select(t => t.To).ShouldBe([CampaignState.Publicized, CampaignState.Reported]);
        confirmed.Documents.Select(d => d.Path).ShouldBe([
            "2024/qh-2024-netcafe/summary-report.html", "2024/qh-2024-netcafe/statistics.xlsx", "2024/qh-2024-netcafe/statistics.csv"]);
        confirmed.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void Reconcile_Reported_StatisticsCsvForTheSummaryMail_DepartmentLikeAFormulaIsText()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        plan = plan with { Departments = [.. plan.Departments.Select(d => d.Id == "market" ? d with { Name = "=HYPERLINK(\"http://evil.example\")" } : d)] };
        var facts = DrawnFacts() with { State = CampaignState.AwaitingPublication };
        facts = facts with { Results = AllResults(facts, new DateOnly(2024, 6, 5)), Publication = new Publication("https://www.gsxt.gov.cn/x", new DateOnly(2024, 6, 20)) };

        var confirmed = Reconcile(new DateOnly(2024, 6, 21), facts, plan);

        var csv = confirmed.Documents.Single(d => d.Path.EndsWith("statistics.csv", StringComparison.Ordinal)).Model.ShouldBeOfType<byte[]>();
        var sheet = Campaigns.Core.Sheets.Sheet.Load(csv, "statistics.csv").Sheet.ShouldNotBeNull();
        sheet.Rows.Select(r => r[0]).ShouldContain("'=HYPERLINK(\"http://evil.example\")");
        sheet.Rows.ShouldAllBe(r => r[0].Length > 0 && r[0][0] != '=');
    }

    [Fact]
    public void Reconcile_OneDepartmentMissing_WaitsAndFlagsOnlyThatDepartmentAfterDeadline()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        facts = facts with { Results = [.. AllResults(facts, new DateOnly(2024, 6, 5)).Where(r => r.DepartmentId != "market")] };

        var onDeadline = Reconcile(ResultDeadline, facts);
        onDeadline.Transitions.ShouldBeEmpty();
        onDeadline.Flags.Where(f => f.Kind == FlagKind.ResultsOverdue).ShouldBeEmpty();

        var dayAfter = Reconcile(ResultDeadline.AddDays(1), facts);
        var flag = dayAfter.Flags.Single(f => f.Kind == FlagKind.ResultsOverdue);
        flag.Subject.ShouldBe("market");
        flag.Since.ShouldBe(ResultDeadline.AddDays(1));
        flag.Detail.ShouldStartWith("缺少3户检查对象的检查结果");
    }

    [Fact]
    public void Reconcile_NotPublicizedAfterItsDeadline_FlagsPublicity()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        Reconcile(PublicityDeadline, facts).Flags.ShouldNotContain(f => f.Kind == FlagKind.PublicityOverdue);
        Reconcile(PublicityDeadline.AddDays(1), facts).Flags.Single(f => f.Kind == FlagKind.PublicityOverdue).Since.ShouldBe(PublicityDeadline.AddDays(1));
    }

    [Fact]
    public void Reconcile_SummaryDuePassed_FlagsSummary()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        Reconcile(new DateOnly(2024, 7, 1), facts).Flags.Single(f => f.Kind == FlagKind.SummaryOverdue).Since.ShouldBe(new DateOnly(2024, 7, 1));
    }

    [Fact]
    public void Reconcile_NoDirectory_StaysPublishedWithDrawBlockedFlag()
    {
        var context = Context(new DateOnly(2024, 4, 9)) with { Directory = null };
        var outcome = Reconciler.Reconcile(context, context.Plan.Campaigns[0], CampaignFacts.New("qh-2024-netcafe"));
        outcome.State.ShouldBe(CampaignState.Published);
        outcome.Flags.Single().Kind.ShouldBe(FlagKind.DrawBlocked);
    }

    [Fact]
    public void Notify_DeadlineInAYearWithoutHolidayNotice_DeadlinesIcsSaysProvisional()
    {
        // Mails mark such a date 暂定; the department's deadlines.ics must not show it as settled.
        var campaign = TestPlans.NetCafe(drawOn: new DateOnly(2027, 12, 1)) with { Window = new(new DateOnly(2027, 12, 1), new DateOnly(2027, 12, 17)) };
        var plan = TestPlans.Plan(TestPlans.PublishedOn, campaign);
        var ics = (string)Reconcile(new DateOnly(2027, 12, 1), CampaignFacts.New(campaign.Id), plan).Documents
            .Single(d => d.Path.EndsWith("deadlines.ics")).Model;
        var unfolded = ics.Replace("\r\n ", "");
        unfolded.ShouldContain("检查结果录入截止（暂定）");
        unfolded.ShouldContain("抽查结果公示截止（暂定）");
        unfolded.ShouldContain("暂定：该年节假日安排尚未公布");
        // A settled date is not marked.
        var settled = (string)Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe")).Documents.Single(d => d.Path.EndsWith("deadlines.ics")).Model;
        settled.ShouldNotContain("暂定");
    }

    [Fact]
    public void Reconcile_CancelledInPlan_CancelsAndTellsDepartments()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe(cancelled: "上级部署调整"));
        var outcome = Reconcile(new DateOnly(2024, 4, 1), CampaignFacts.New("qh-2024-netcafe"), plan);
        outcome.State.ShouldBe(CampaignState.Cancelled);
        outcome.Transitions.Single().Detail.ShouldContain("上级部署调整");
        outcome.Deliveries.Count(d => d.Kind == "cancellation").ShouldBe(3);
    }

    [Fact]
    public void Reconcile_FiveWorkingDaysBeforeEntryDeadline_RemindsDepartmentsAndTheirInspectorsWithMissingResults()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        facts = facts with { Results = [.. AllResults(facts, new DateOnly(2024, 6, 3)).Where(r => r.DepartmentId != "market")] };
        // 1 Jul is the deadline; five working days before it is Monday 24 June. Only market's results are missing.
        var outcome = Reconcile(new DateOnly(2024, 6, 24), facts);
        var reminders = outcome.Deliveries.Where(d => d.Kind == "reminder" && d.IdempotencyKey.Contains("result-entry-deadline")).ToList();
        var marketInspectors = facts.Draw!.Groups.SelectMany(g => g.Members).Where(m => m.DepartmentId == "market").Select(m => m.Email!);
        reminders.Select(r => r.Recipient.Email).Order().ShouldBe(["market@qinghe.example", .. marketInspectors.Order()]);
        reminders.ShouldAllBe(r => r.Model is Reminder && ((Reminder)r.Model).OpenItems.Count == facts.Draw.Entities.Count);
        reminders.ShouldAllBe(r => r.IdempotencyKey.Contains("|5|"));
        Reconcile(new DateOnly(2024, 6, 21), facts).Deliveries.ShouldNotContain(d => d.IdempotencyKey.Contains("result-entry-deadline"));
    }

    [Fact]
    public void Reconcile_BackFromOutageOnDeadlineDay_SendsOnlyTheLatestReminder()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        var keys = Reconcile(ResultDeadline, facts).Deliveries.Where(d => d.IdempotencyKey.Contains("result-entry-deadline")).Select(d => d.IdempotencyKey).ToList();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Contains("|0|"));
    }

    [Fact]
    public void Tick_PlanUnpublishedAfter31March_FlagsAndReportsToLeadersOnWorkingDaysOnly()
    {
        var plan = TestPlans.Plan(publishedOn: null);
        // 1 April 2024 is a Monday; 6 April is a Saturday (not a make-up day).
        var monday = CampaignEngine.Tick(Context(new DateOnly(2024, 4, 1), plan), OfficeFacts.None);
        var flag = monday.Flags.Single(f => f.Kind == FlagKind.PlanNotPublished);
        flag.Since.ShouldBe(new DateOnly(2024, 4, 1));
        monday.Deliveries.Single(d => d.Kind == "breach-report").Recipient.Email.ShouldBe("leader@qinghe.example");

        var saturday = CampaignEngine.Tick(Context(new DateOnly(2024, 4, 6), plan), OfficeFacts.None);
        saturday.Flags.ShouldContain(f => f.Kind == FlagKind.PlanNotPublished);
        saturday.Deliveries.ShouldNotContain(d => d.Kind == "breach-report");
    }

    [Fact]
    public void Tick_WeeklyBreachReports_FirstWorkingDayOfTheWeekOnly_EscalationAfterNWorkingDays()
    {
        var plan = TestPlans.Plan(publishedOn: null) with
        {
            BreachReports = new BreachReportPolicy(true, 3, [new Contact("分管副县长", "deputy@qinghe.example", null)]),
        };
        // 2024: Monday 1 April is a working day; 4–6 April is 清明 (Thursday to Saturday), Sunday 7 April a make-up day.
        string[] Reports(DateOnly day) => [.. CampaignEngine.Tick(Context(day, plan), OfficeFacts.None).Deliveries
            .Where(d => d.Kind == "breach-report").Select(d => d.Recipient.Email!)];

        Reports(new DateOnly(2024, 4, 1)).ShouldBe(["leader@qinghe.example"]);  // overdue 1 working day: below 3
        Reports(new DateOnly(2024, 4, 2)).ShouldBeEmpty();                        // Tuesday: not the week's first working day
        Reports(new DateOnly(2024, 4, 8)).ShouldBe(["leader@qinghe.example", "deputy@qinghe.example"]);
        // 中秋 2024 takes Monday 16 and Tuesday 17 September off: that week's report goes out on Wednesday 18.
        CampaignEngine.IsReportDay(Calendars.Shipped, new DateOnly(2024, 9, 17), plan.Breach).ShouldBeFalse();
        CampaignEngine.IsReportDay(Calendars.Shipped, new DateOnly(2024, 9, 18), plan.Breach).ShouldBeTrue();
        CampaignEngine.IsReportDay(Calendars.Shipped, new DateOnly(2024, 9, 19), plan.Breach).ShouldBeFalse();
    }

    [Fact]
    public void Notify_SeveralGroups_AFormPerGroup_ItsInspectorsGetTheirsAndTheDepartmentsAll()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { Groups = 2 });
        var notified = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe") with { State = CampaignState.Published }, plan);
        var draw = notified.NewDraw.ShouldNotBeNull();
        draw.Groups.Count.ShouldBe(2);
        var paths = draw.Groups.Select(g => $"2024/qh-2024-netcafe/inspection-record-group-{g.Number}.html").ToList();
        var forms = paths.Select(p => notified.Documents.Single(d => d.Path == p).Model.ShouldBeOfType<InspectionRecordForm>()).ToList();
        // Every drawn entity has its page in exactly one group's form, numbered as in the draw.
        forms.SelectMany(f => f.Pages).OrderBy(p => p.Number).Select(p => (p.Number, p.Uscc))
            .ShouldBe(draw.Entities.Select((e, i) => (i + 1, e.Uscc)));
        notified.Deliveries.Where(d => d.Kind == "department-letter").ShouldAllBe(d => paths.All(d.Attachments.Contains));
        var groupOf = GroupEntities.GroupOf(draw);
        foreach (var (group, path, form) in draw.Groups.Zip(paths, forms))
        {
            form.Groups.Select(g => g.Number).ShouldBe([group.Number]);
            form.Groups.Single().Inspectors.Select(i => i.CertificateNumber).ShouldBe(group.Members.Select(m => m.CertificateNumber));
            form.Pages.ShouldNotBeEmpty();
            form.Pages.ShouldAllBe(p => p.Group == group.Number && groupOf[p.Uscc].Number == group.Number);
            var members = group.Members.Select(m => m.Email).ToHashSet();
            var assignments = notified.Deliveries.Where(d => d.Kind == "inspector-assignment" && members.Contains(d.Recipient.Email)).ToList();
            assignments.Count.ShouldBe(group.Members.Count);
            assignments.ShouldAllBe(d => d.Attachments.Count == 2 && d.Attachments[0] == path);
        }
    }

    [Fact]
    public void Notify_GroupCalendarWritten_AttachedToEachInspectorsAssignmentAndWindowStartReminder()
    {
        var notified = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe") with { State = CampaignState.Published });
        var draw = notified.NewDraw.ShouldNotBeNull();
        var calendar = notified.Documents.Single(d => d.Path == "2024/qh-2024-netcafe/group-1.ics");
        calendar.Model.ShouldBeOfType<string>().ShouldContain("DTSTART;VALUE=DATE:20240409");
        notified.Documents.ShouldContain(d => d.Path == "2024/qh-2024-netcafe/deadlines.ics");
        var assignments = notified.Deliveries.Where(d => d.Kind == "inspector-assignment").ToList();
        assignments.Count.ShouldBe(draw.Groups.Single().Members.Count);
        assignments.ShouldAllBe(d => d.Attachments.Contains("2024/qh-2024-netcafe/group-1.ics"));
        notified.Deliveries.Where(d => d.Kind == "department-letter").ShouldAllBe(d => d.Attachments.Contains("2024/qh-2024-netcafe/deadlines.ics"));

        var facts = After(CampaignFacts.New("qh-2024-netcafe"), notified) with { State = CampaignState.Notified };
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { Window = new(new DateOnly(2024, 4, 15), new DateOnly(2024, 5, 31)) });
        var reminders = Reconcile(new DateOnly(2024, 4, 11), facts, plan).Deliveries.Where(d => d.IdempotencyKey.Contains("window-start")).ToList();
        reminders.Count.ShouldBe(draw.Groups.Single().Members.Count);
        reminders.ShouldAllBe(d => d.Attachments.Single() == "2024/qh-2024-netcafe/group-1.ics");
        reminders[0].Model.ShouldBeOfType<Reminder>().OpenItems.ShouldAllBe(i => i.StartsWith("第1检查组实地检查"));
    }

    [Fact]
    public void Tick_ResultsOverdue_DepartmentGetsAnOverdueNoticeOnReportDays()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        var office = new OfficeFacts(new Dictionary<string, CampaignFacts> { [facts.CampaignId] = facts }, new HashSet<string>());
        // 3 July 2024 is the 2nd working day after the 1 July deadline.
        var outcome = CampaignEngine.Tick(Context(new DateOnly(2024, 7, 3)), office);

        var notices = outcome.Deliveries.Where(d => d.IdempotencyKey.Contains("results-overdue") && d.IdempotencyKey.Contains("|overdue|")).ToList();
        notices.Select(d => d.Recipient.Email).ShouldBe(["police@qinghe.example", "market@qinghe.example", "culture@qinghe.example"], ignoreOrder: true);
        // Publicity (1 July) and the summary (30 June) are late too: the office hears of both.
        outcome.Deliveries.Count(d => d.IdempotencyKey.Contains("|overdue|") && d.Recipient.Email == "office@qinghe.example").ShouldBe(2);
        notices.ShouldAllBe(d => d.Kind == "reminder");
        var model = notices[0].Model.ShouldBeOfType<Reminder>();
        model.WorkingDaysOverdue.ShouldBe(2);
        model.OpenItems.Single().ShouldStartWith("录入检查结果（缺少3户检查对象的检查结果：");
        // Whose: each missing entity names the department's inspectors in the group that visits it.
        var police = notices.Single(d => d.Recipient.Email == "police@qinghe.example").Model.ShouldBeOfType<Reminder>().OpenItems.Single();
        var members = facts.Draw!.Groups[0].Members.Where(m => m.DepartmentId == "police").Select(m => m.Name);
        police.ShouldContain($"（第1检查组 {string.Join("、", members)}）");
        CampaignEngine.Tick(Context(new DateOnly(2024, 7, 6)), office).Deliveries.ShouldNotContain(d => d.IdempotencyKey.Contains("|overdue|")); // Saturday
    }

    [Fact]
    public void FollowUp_RemindedBeforeItsDeadline_FlaggedAfter_UntilClosed()
    {
        var facts = DrawnFacts() with { State = CampaignState.ResultEntry };
        var uscc = facts.Draw!.Entities[0].Uscc;
        // Inspected Friday 10 May 2024 with code 8: the follow-up is due Monday 20 May (7 working days, Saturday 11 May a make-up day).
        var problem = new ResultEntry("qh-2024-netcafe", uscc, "market", ResultCode.ProblemFoundFollowUpPending, new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 13), null,
            HandlingOpinion: "移送县卫生健康局");
        facts = facts with { Results = [problem] };

        Reconcile(new DateOnly(2024, 5, 15), facts).Deliveries.ShouldNotContain(d => d.IdempotencyKey.Contains("follow-up"));
        var reminder = Reconcile(new DateOnly(2024, 5, 16), facts).Deliveries.Single(d => d.IdempotencyKey.Contains("|follow-up|"));
        reminder.Recipient.Email.ShouldBe("market@qinghe.example");
        reminder.Model.ShouldBeOfType<Reminder>().OpenItems.Single().ShouldContain("处理意见：移送县卫生健康局");
        Reconcile(new DateOnly(2024, 5, 20), facts).Flags.ShouldNotContain(f => f.Kind == FlagKind.FollowUpOverdue);

        var late = Reconcile(new DateOnly(2024, 5, 21), facts).Flags.Single(f => f.Kind == FlagKind.FollowUpOverdue);
        (late.Subject, late.Since).ShouldBe(("market", new DateOnly(2024, 5, 21)));
        late.Detail.ShouldContain("期限2024-05-20");

        var closed = facts with { FollowUpClosures = [new FollowUpClosure("qh-2024-netcafe", uscc, "market", FollowUpAction.Transfer, "移送函〔2024〕3号", new DateOnly(2024, 5, 23))] };
        Reconcile(new DateOnly(2024, 5, 23), closed).Flags.ShouldNotContain(f => f.Kind == FlagKind.FollowUpOverdue);
    }

    [Fact]
    public void Tick_DeadLetter_IsABreachUntilItIsSent()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var dead = new DeadLetter(12, "qh-2024-netcafe", "张三", "police@qinghe.example", "【提醒】检查开始", new DateOnly(2024, 4, 8), "550 mailbox unavailable");
        var facts = new OfficeFacts(new Dictionary<string, CampaignFacts>(), new HashSet<string>(), [dead]);

        var outcome = CampaignEngine.Tick(Context(new DateOnly(2024, 4, 10), plan), facts);

        var flag = outcome.Flags.Single(f => f.Kind == FlagKind.DeliveryFailed);
        flag.Subject.ShouldBe("police@qinghe.example#12");
        flag.Detail.ShouldContain("550 mailbox unavailable");
        var report = outcome.Deliveries.Single(d => d.Kind == "breach-report").Model.ShouldBeOfType<Campaigns.Core.Documents.BreachReport>();
        report.Rows.Single(r => r.What.StartsWith("邮件未能送达")).WorkingDaysOverdue.ShouldBe(3);
        CampaignEngine.Tick(Context(new DateOnly(2024, 4, 10), plan), facts with { DeadLetters = [] }).Flags.ShouldNotContain(f => f.Kind == FlagKind.DeliveryFailed);
    }

    [Fact]
    public void Tick_BeforePublicationDeadline_RemindsOfficeAndIssuesNoticeOnce()
    {
        var plan = TestPlans.Plan(publishedOn: null);
        var outcome = CampaignEngine.Tick(Context(new DateOnly(2024, 3, 21), plan), OfficeFacts.None);
        outcome.Documents.Single().Path.ShouldBe("2024/清河县“双随机、一公开”工作领导小组办公室/plan-publication.html");
        outcome.Deliveries.Single().IdempotencyKey.ShouldContain("plan-publication-deadline|10|office@qinghe.example");

        var issued = new OfficeFacts(new Dictionary<string, CampaignFacts>(), new HashSet<string> { CampaignEngine.PlanPublicationPath(plan) });
        CampaignEngine.Tick(Context(new DateOnly(2024, 3, 22), plan), issued).Documents.ShouldBeEmpty();

        // Another office's publication is its own document, not this one's.
        var other = plan with { Office = plan.Office with { Name = "河西区办公室" } };
        CampaignEngine.PlanPublicationPath(other).ShouldNotBe(CampaignEngine.PlanPublicationPath(plan));
    }

    [Fact]
    public void Tick_TwoCampaignsDrawSameDay_SecondSeesFirstDrawInYearlyCap()
    {
        var tight = PlanRules.Default with { MaxJointChecksPerEntityPerYear = 1 };
        var everyone = new Sampling(1.0m, 1);
        var plan = TestPlans.Plan(TestPlans.PublishedOn,
            TestPlans.NetCafe("a") with { Sampling = everyone, Rules = tight },
            TestPlans.NetCafe("b") with { Sampling = everyone, Rules = tight });
        var outcome = CampaignEngine.Tick(Context(new DateOnly(2024, 4, 9), plan), OfficeFacts.None);
        outcome.Campaigns[0].NewDraw.ShouldNotBeNull().Entities.Count.ShouldBe(9);
        outcome.Campaigns[1].NewDraw.ShouldBeNull();
        outcome.Flags.Single(f => f.Kind == FlagKind.DrawBlocked).Scope.ShouldBe("b");
    }

    [Fact]
    public void Reconcile_SeedCommittedButNotRevealed_DrawWaitsWithFlag_ThenUsesTheRevealedSeed()
    {
        var committed = TestPlans.NetCafe() with { Seed = null, SeedCommitment = Campaigns.Core.Draws.Seeds.Commit("摇号 7-1-9") };
        var waiting = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe"), TestPlans.Plan(TestPlans.PublishedOn, committed));
        waiting.State.ShouldBe(CampaignState.Published);
        waiting.Flags.Single().Detail.ShouldContain("尚未揭示");

        var revealed = committed with { Seed = "摇号 7-1-9" };
        var drawn = Reconcile(new DateOnly(2024, 4, 10), CampaignFacts.New("qh-2024-netcafe"), TestPlans.Plan(TestPlans.PublishedOn, revealed));
        var draw = drawn.NewDraw.ShouldNotBeNull();
        (draw.Seed, draw.SeedCommitment).ShouldBe(("摇号 7-1-9", committed.SeedCommitment));
    }

    /// <summary>
    /// A commitment in the ledger and a plan that brings another with its seed (an operator trying seeds offline): no draw,
    /// a draw-blocked flag saying why. With the ledger's commitment the draw is made and marked 事先承诺; a seed with no
    /// commitment at all is marked 未事先承诺.
    /// </summary>
    [Fact]
    public void Reconcile_CommitmentDiffersFromLedger_NoDraw_LedgersCommitment_MarkedCommittedInAdvance()
    {
        var first = Campaigns.Core.Draws.Seeds.Commit("摇号 7-1-9");
        var ledger = new Campaigns.Core.Draws.CommitmentEntry(first, new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), "2024.yaml", new string('a', 64), false);
        var facts = CampaignFacts.New("qh-2024-netcafe") with { Commitments = [ledger] };
        var swapped = TestPlans.NetCafe() with { Seed = "offline-42", SeedCommitment = Campaigns.Core.Draws.Seeds.Commit("offline-42") };
        var refused = Reconcile(new DateOnly(2024, 4, 9), facts, TestPlans.Plan(TestPlans.PublishedOn, swapped));
        refused.NewDraw.ShouldBeNull();
        refused.State.ShouldBe(CampaignState.Published);
        refused.Flags.Single().Detail.ShouldStartWith("抽取种子承诺值与首次记录的不同");

        var honest = TestPlans.NetCafe() with { Seed = "摇号 7-1-9", SeedCommitment = first };
        var draw = Reconcile(new DateOnly(2024, 4, 9), facts, TestPlans.Plan(TestPlans.PublishedOn, honest)).NewDraw.ShouldNotBeNull();
        (draw.SeedStatus, draw.Commitments.Single()).ShouldBe((Campaigns.Core.Draws.Seeds.CommittedInAdvance, ledger));

        var uncommitted = Reconcile(new DateOnly(2024, 4, 9), CampaignFacts.New("qh-2024-netcafe"), TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe()));
        uncommitted.NewDraw.ShouldNotBeNull().SeedStatus.ShouldBe("未事先承诺");
    }
}
