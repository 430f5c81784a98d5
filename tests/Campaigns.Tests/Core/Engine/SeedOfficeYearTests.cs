using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Engine;

/// <summary>
/// A year of the net-café campaign (window 9 April to 31 May 2024) for an office configured as each seed's: 001's with
/// its 15-working-day bulletin (一抽查一通报, 001 (十一)), 003's and 004's without; publicity 20 working days for all
/// (002 五(三)7, 003 §20(四), 004 §23). After 31 May 2024 the 15th working day is 24 June and the 20th is 1 July.
/// </summary>
public class SeedOfficeYearTests
{
    private static readonly DateOnly YearStart = new(2024, 1, 1);
    private static readonly DateOnly YearEnd = new(2024, 12, 31);
    private const string Office = "清河县“双随机、一公开”工作领导小组办公室";

    private static void OnlyToTheOffice(IEnumerable<(DateOnly Day, DeliveryOrder Order)> deliveries)
    {
        var list = deliveries.ToList();
        list.ShouldNotBeEmpty();
        list.ShouldAllBe(d => d.Order.Recipient.Email == "office@qinghe.example");
    }

    private static AnnualPlan Plan(int? bulletinDays, DateOnly? publishedOn)
    {
        var rules = PlanRules.Default with { BulletinWorkingDays = bulletinDays };
        return TestPlans.Plan(publishedOn, TestPlans.NetCafe() with { Rules = rules }) with { Rules = rules };
    }

    /// <summary>Results never entered: every deadline after the window passes unmet.</summary>
    [Theory]
    [InlineData("001", 15)]
    [InlineData("003", null)]
    [InlineData("004", null)]
    public void Year_NoResults_PublicityOverdueAfterThe20thWorkingDay_BulletinOnlyFor001(string seed, int? bulletinDays)
    {
        var year = OfficeYear.Run(Plan(bulletinDays, TestPlans.PublishedOn), YearStart, YearEnd);

        var publicity = year.First(FlagKind.PublicityOverdue).ShouldNotBeNull($"seed {seed}");
        // 002 五(三)7, 003 §20(四), 004 §23: 20 working days, not 15: nothing on 25 June, the flag on 2 July.
        (publicity.On, publicity.Flag.Since).ShouldBe((new DateOnly(2024, 7, 2), new DateOnly(2024, 7, 2)));
        year.First(FlagKind.ResultsOverdue).ShouldNotBeNull().On.ShouldBe(new DateOnly(2024, 7, 2));
        year.First(FlagKind.SummaryOverdue).ShouldNotBeNull().On.ShouldBe(new DateOnly(2024, 7, 1));

        var bulletin = year.First(FlagKind.BulletinOverdue);
        var bulletinReminders = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|reminder|bulletin-deadline|")).ToList();
        if (bulletinDays is null)
        {
            bulletin.ShouldBeNull();
            bulletinReminders.ShouldBeEmpty();
            return;
        }
        // 001 (十一): the office's bulletin within 15 working days (24 June); the flag from 25 June.
        bulletin.ShouldNotBeNull().On.ShouldBe(new DateOnly(2024, 6, 25));
        bulletin.Value.Flag.Since.ShouldBe(new DateOnly(2024, 6, 25));
        // Reminded 3, 1 and 0 working days before: 19, 21 and 24 June, to the office (each key owed from its day, sent once).
        bulletinReminders.GroupBy(d => d.Order.IdempotencyKey).Select(g => g.Min(d => d.Day)).Distinct().Order().ShouldBe([new DateOnly(2024, 6, 19), new DateOnly(2024, 6, 21), new DateOnly(2024, 6, 24)]);
        bulletinReminders.ShouldAllBe(d => d.Order.Recipient.Email == "office@qinghe.example");
        bulletinReminders[0].Order.Model.ShouldBeOfType<Reminder>().OpenItems.ShouldContain(i => i.Contains("001 (十一)"));
        // Leaders read it with the office as 责任单位; the 催办 goes to the office.
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.BulletinOverdue.ChineseName()) && r.Row.Whose == Office
            && r.Row.Since == ChineseDates.Format(new DateOnly(2024, 6, 25)));
        OnlyToTheOffice(year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|bulletin-overdue|") && d.Order.IdempotencyKey.Contains("|overdue|")));
    }

    [Fact]
    public void Year_001_BulletinConfirmedInTime_NoBulletinFlagNorLaterReminders()
    {
        var confirmed = new Publication("https://www.qinghe.gov.cn/ssjygk/1", new DateOnly(2024, 6, 20));
        var year = OfficeYear.Run(Plan(15, TestPlans.PublishedOn), YearStart, YearEnd,
            (day, facts) => day == confirmed.On ? facts with { Bulletin = confirmed } : facts);

        year.First(FlagKind.BulletinOverdue).ShouldBeNull();
        year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|reminder|bulletin-deadline|")).Select(d => d.Day).ShouldBe([new DateOnly(2024, 6, 19)]);
    }

    /// <summary>
    /// 001 (八): the plan is published before anything is drawn. With no published_on the draw day raises draw-blocked
    /// naming that cause, and the milestones the campaign then misses are told as its consequences, not as breaches.
    /// </summary>
    [Theory]
    [InlineData(15)]
    [InlineData(null)]
    public void Year_PlanNeverPublished_DrawBlockedWithItsCause_NoLaterBreachForTheCampaign(int? bulletinDays)
    {
        var plan = Plan(bulletinDays, publishedOn: null);
        var campaign = plan.Campaigns[0];
        var year = OfficeYear.Run(plan, YearStart, YearEnd);

        var blocked = year.First(FlagKind.DrawBlocked).ShouldNotBeNull();
        (blocked.On, blocked.Flag.Since).ShouldBe((new DateOnly(2024, 4, 9), new DateOnly(2024, 4, 9)));
        blocked.Flag.Detail.ShouldStartWith("年度抽查计划未公示，001 (八)");
        year.Raised.Values.Where(r => r.Flag.Scope == campaign.Id).Select(r => r.Flag.Kind).ShouldBe([FlagKind.DrawBlocked]);
        var last = year.Active.Single(f => f.Kind == FlagKind.DrawBlocked).Detail;
        last.ShouldContain("抽查结果公示截止（2024-07-01）");
        last.ShouldContain("工作总结报送截止（2024-06-30）");

        // What leaders read of the campaign: the one cause, with the office as 责任单位; never “尚未公示” for results.
        var rows = year.LeaderRows.Where(r => r.Row.Campaign == campaign.Name).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Row.What.StartsWith(FlagKind.DrawBlocked.ChineseName()) && r.Row.Whose == Office);
        rows.ShouldNotContain(r => r.Row.What.Contains("尚未公示") || r.Row.What.Contains(FlagKind.PublicityOverdue.ChineseName()));

        // No reminder of a milestone the campaign cannot reach; the draw reminder asks the office to publish first.
        var reminders = year.Deliveries.Where(d => d.Order.IdempotencyKey.StartsWith($"{campaign.Id}|reminder|")).ToList();
        reminders.ShouldAllBe(d => d.Order.IdempotencyKey.StartsWith($"{campaign.Id}|reminder|draw|"));
        reminders.ShouldAllBe(d => d.Order.Recipient.Email == "office@qinghe.example");
        reminders.ShouldNotBeEmpty();
        reminders[0].Order.Model.ShouldBeOfType<Reminder>().OpenItems[0].ShouldContain("published_on");
        // The 催办 for the blocked draw goes to the office alone: the lead department cannot publish the plan.
        OnlyToTheOffice(year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|draw-blocked|") && d.Order.IdempotencyKey.Contains("|overdue|")));
    }

    [Fact]
    public void Year_PublishedAfterTheDrawDay_DrawsThenAndTheFlagClears()
    {
        // 001 (八): published on 15 April, the draw of 9 April waits until then.
        var year = OfficeYear.Run(Plan(null, new DateOnly(2024, 4, 15)), YearStart, new DateOnly(2024, 4, 30));
        year.First(FlagKind.DrawBlocked).ShouldNotBeNull().On.ShouldBe(new DateOnly(2024, 4, 9));
        year.Active.ShouldNotContain(f => f.Kind == FlagKind.DrawBlocked);
        year.Deliveries.ShouldContain(d => d.Day == new DateOnly(2024, 4, 15) && d.Order.Kind == "department-letter");
    }

    /// <summary>
    /// 002 五(三)2: each department confirms receipt of its dispatched list within 1 working day. Drawn Tuesday 9 April
    /// 2024, the list is due Wednesday 10 April: police confirms that day, market late on 12 April, culture never.
    /// </summary>
    [Fact]
    public void Year_002_ListConfirmation_RemindedOnItsDay_FlaggedPerDepartmentAfter()
    {
        var rules = PlanRules.Default with { ListConfirmationWorkingDays = 1 };
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { Rules = rules }) with { Rules = rules };
        var confirmed = new Dictionary<DateOnly, (string Department, DateOnly On)>
        {
            [new DateOnly(2024, 4, 10)] = ("police", new DateOnly(2024, 4, 10)),
            [new DateOnly(2024, 4, 12)] = ("market", new DateOnly(2024, 4, 12)),
        };
        var year = OfficeYear.Run(plan, YearStart, new DateOnly(2024, 5, 31), (day, facts) => confirmed.TryGetValue(day, out var c)
            ? facts with { ListConfirmations = new Dictionary<string, DateOnly>(facts.ListConfirmations ?? new Dictionary<string, DateOnly>()) { [c.Department] = c.On } }
            : facts);

        var reminders = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|reminder|list-confirmation|")).ToList();
        reminders.Select(d => (d.Day, d.Order.Recipient.Email)).ShouldBe(
            [(new DateOnly(2024, 4, 10), "market@qinghe.example"), (new DateOnly(2024, 4, 10), "culture@qinghe.example")], ignoreOrder: true);
        var flags = year.Raised.Values.Where(r => r.Flag.Kind == FlagKind.ListConfirmationOverdue).ToList();
        flags.Select(r => (r.Flag.Subject, r.On, r.Flag.Since)).ShouldBe(
            [("market", new DateOnly(2024, 4, 11), new DateOnly(2024, 4, 11)), ("culture", new DateOnly(2024, 4, 11), new DateOnly(2024, 4, 11))], ignoreOrder: true);
        year.Active.Where(f => f.Kind == FlagKind.ListConfirmationOverdue).Select(f => f.Subject).ShouldBe(["culture"]);
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.ListConfirmationOverdue.ChineseName()) && r.Row.Whose == "县文化广电和旅游局");
        year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|list-confirmation-overdue|culture|overdue|")).ShouldAllBe(d => d.Order.Recipient.Email == "culture@qinghe.example");

        // 003 and 004 ask for no such confirmation: nothing is reminded or flagged.
        var without = OfficeYear.Run(Plan(null, TestPlans.PublishedOn), YearStart, new DateOnly(2024, 5, 31));
        without.First(FlagKind.ListConfirmationOverdue).ShouldBeNull();
        without.Deliveries.ShouldNotContain(d => d.Order.IdempotencyKey.Contains("list-confirmation"));
    }

    /// <summary>
    /// 004 §9: the network-security team (here the police department) checks every two months. The year's one campaign it
    /// leads draws on 9 April 2024: the gap from 1 January passes on 1 March (flag from 2 March, cleared by the draw), the
    /// gap after the draw on 9 June (flag from 10 June to the year's end). 003 §9 and 001 (九) set no gap: no such flag.
    /// </summary>
    [Theory]
    [InlineData("004", true)]
    [InlineData("003", false)]
    [InlineData("001", false)]
    public void Year_FrequencyGap_FlaggedForTheDepartmentWhenTwoMonthsPassWithNoDraw(string seed, bool gapRule)
    {
        var frequency = seed switch
        {
            "004" => new Frequency(6, null, 2, "004 §9"),
            "001" => new Frequency(2, 3, null, "001 (九)"),
            _ => null,
        };
        var plan = Plan(seed == "001" ? 15 : null, TestPlans.PublishedOn);
        plan = plan with { Departments = [.. plan.Departments.Select(d => d.Id == "police" ? d with { OwnFrequency = frequency } : d)] };

        var first = OfficeYear.Run(plan, YearStart, new DateOnly(2024, 4, 8));
        var year = OfficeYear.Run(plan, YearStart, YearEnd);

        if (!gapRule)
        {
            year.First(FlagKind.FrequencyGap).ShouldBeNull($"seed {seed}");
            return;
        }
        var before = first.First(FlagKind.FrequencyGap).ShouldNotBeNull();
        (before.On, before.Flag.Since, before.Flag.Subject, before.Flag.Scope).ShouldBe((new DateOnly(2024, 3, 2), new DateOnly(2024, 3, 2), "police", plan.Key));
        before.Flag.Detail.ShouldContain("自年初起至2024-03-01未抽取本部门发起或参与的部门联合抽查，不符合每年至少6次、每2个月至少1次（004 §9）；计划中下一次抽取为2024-04-09");
        year.Raised.Values.Where(r => r.Flag.Kind == FlagKind.FrequencyGap).ShouldHaveSingleItem();
        var after = year.Active.Single(f => f.Kind == FlagKind.FrequencyGap);
        (after.Since, after.Subject).ShouldBe((new DateOnly(2024, 6, 10), "police"));
        after.Detail.ShouldContain("自2024-04-09抽取后至2024-06-09未抽取");
        // Cleared by the draw: no row of it on 9 April itself.
        year.LeaderRows.Where(r => r.Day == new DateOnly(2024, 4, 9)).ShouldNotContain(r => r.Row.What.StartsWith(FlagKind.FrequencyGap.ChineseName()));
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.FrequencyGap.ChineseName()) && r.Row.Whose == "县公安局"
            && r.Row.Since == ChineseDates.Format(new DateOnly(2024, 3, 2)));
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.FrequencyGap.ChineseName()) && r.Row.Since == ChineseDates.Format(new DateOnly(2024, 6, 10)));
        var notices = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|frequency-gap|police|overdue|")).ToList();
        notices.ShouldNotBeEmpty();
        notices.ShouldAllBe(d => d.Order.Recipient.Email == "police@qinghe.example");
        notices[0].Order.Model.ShouldBeOfType<Reminder>().OpenItems[0].ShouldContain("004 §9");
    }

    /// <summary>
    /// 谁检查、谁录入、谁公示 (002 五(三)7, 003 §20(四), 004 §23) with `publicity_by: department`: each department confirms its
    /// own publicity. Due 1 July 2024: police confirms on 28 June, market late on 5 July, culture never. Leaders read the
    /// late department as 责任单位, and the 催办 goes to it, not to the office.
    /// </summary>
    [Theory]
    [InlineData("003")]
    [InlineData("004")]
    public void Year_PublicityByDepartment_FlaggedPerLateDepartment(string seed)
    {
        var rules = PlanRules.Default with { PublicityByDepartment = true };
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { Rules = rules }) with { Rules = rules };
        var confirmed = new Dictionary<DateOnly, (string Department, Publication Publication)>
        {
            [new DateOnly(2024, 6, 28)] = ("police", new Publication("https://hebei.gsxt.gov.cn/police/1", new DateOnly(2024, 6, 28))),
            [new DateOnly(2024, 7, 5)] = ("market", new Publication("https://hebei.gsxt.gov.cn/market/1", new DateOnly(2024, 7, 5))),
        };
        var year = OfficeYear.Run(plan, YearStart, new DateOnly(2024, 7, 31), (day, facts) => confirmed.TryGetValue(day, out var c)
            ? facts with { DepartmentPublications = new Dictionary<string, Publication>(facts.DepartmentPublications ?? new Dictionary<string, Publication>()) { [c.Department] = c.Publication } }
            : facts);

        var raised = year.Raised.Values.Where(r => r.Flag.Kind == FlagKind.PublicityOverdue).ToList();
        raised.Select(r => (r.Flag.Subject, r.On, r.Flag.Since)).ShouldBe(
            [("market", new DateOnly(2024, 7, 2), new DateOnly(2024, 7, 2)), ("culture", new DateOnly(2024, 7, 2), new DateOnly(2024, 7, 2))], ignoreOrder: true, $"seed {seed}");
        year.Active.Where(f => f.Kind == FlagKind.PublicityOverdue).Select(f => f.Subject).ShouldBe(["culture"]);
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.PublicityOverdue.ChineseName()) && r.Row.Whose == "县文化广电和旅游局");
        year.LeaderRows.Where(r => r.Row.What.StartsWith(FlagKind.PublicityOverdue.ChineseName())).ShouldNotContain(r => r.Row.Whose == Office || r.Row.Whose == "县公安局");
        var notices = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|publicity-overdue|culture|") && d.Order.IdempotencyKey.Contains("|overdue|")).ToList();
        notices.ShouldNotBeEmpty();
        notices.ShouldAllBe(d => d.Order.Recipient.Email == "culture@qinghe.example");
        notices[0].Order.Model.ShouldBeOfType<Reminder>().OpenItems[0].ShouldContain("--department culture");
        // Reminded before the deadline is each department that has not yet published, not the office.
        var reminders = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|reminder|publicity-deadline|")).ToList();
        reminders.Select(d => d.Order.Recipient.Email).Distinct().ShouldBe(["police@qinghe.example", "market@qinghe.example", "culture@qinghe.example"], ignoreOrder: true);
        reminders.ShouldNotContain(d => d.Order.Recipient.Email == "police@qinghe.example" && d.Day >= new DateOnly(2024, 6, 28));
    }

    /// <summary>The office's one confirmation still counts for every department under `publicity_by: department`.</summary>
    [Fact]
    public void Year_PublicityByDepartment_OfficeConfirmsForAll_NoFlag()
    {
        var rules = PlanRules.Default with { PublicityByDepartment = true };
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe() with { Rules = rules }) with { Rules = rules };
        var office = new Publication("https://www.qinghe.gov.cn/ssjygk/2", new DateOnly(2024, 6, 28));

        var year = OfficeYear.Run(plan, YearStart, new DateOnly(2024, 7, 31), (day, facts) => day == office.On ? facts with { Publication = office } : facts);

        year.First(FlagKind.PublicityOverdue).ShouldBeNull();
    }

    /// <summary>
    /// 004 §8: the published list changed on Monday 8 April 2024; it must be public within 10 working days, by 22 April.
    /// The office is reminded on the day (with the changed list attached) and 3, 1 and 0 working days before; unpublished,
    /// it is flagged from 23 April with the office as 责任单位. Published on 19 April, nothing is flagged.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("2024-04-19")]
    public void Year_CheckItemListChanged_PublishedWithin10WorkingDaysOrFlagged(string? publishedOn)
    {
        var plan = Plan(null, TestPlans.PublishedOn);
        var published = publishedOn is null ? (DateOnly?)null : DateOnly.Parse(publishedOn, System.Globalization.CultureInfo.InvariantCulture);
        var change = new CheckItemChange([new CheckItemChange.Department("police", ["互联网上网服务营业场所消防安全检查"], [])]);
        var year = OfficeYear.Run(plan, YearStart, new DateOnly(2024, 5, 31), itemChanges: day => day < new DateOnly(2024, 4, 8) ? null
            : [new RecordedCheckItemChange(1, new DateOnly(2024, 4, 8), change,
                published is { } on && on <= day ? new Publication("https://www.qinghe.gov.cn/ssjygk/items", on) : null, day > new DateOnly(2024, 4, 8))]);

        var reminders = year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|reminder|check-item-change-1|")).ToList();
        reminders.ShouldAllBe(d => d.Order.Recipient.Email == "office@qinghe.example");
        reminders[0].Order.Attachments.ShouldBe([$"2024/{Office}/check-item-change-1.html"]);
        reminders[0].Order.Model.ShouldBeOfType<Reminder>().OpenItems[0].ShouldContain("004 §8");
        var flag = year.First(FlagKind.CheckItemsUnpublished);
        if (published is not null)
        {
            reminders.GroupBy(d => d.Order.IdempotencyKey).Select(g => g.Min(d => d.Day)).Order().ShouldBe([new DateOnly(2024, 4, 8), new DateOnly(2024, 4, 17)]);
            flag.ShouldBeNull();
            return;
        }
        reminders.GroupBy(d => d.Order.IdempotencyKey).Select(g => g.Min(d => d.Day)).Order().ShouldBe(
            [new DateOnly(2024, 4, 8), new DateOnly(2024, 4, 17), new DateOnly(2024, 4, 19), new DateOnly(2024, 4, 22)]);
        (flag.ShouldNotBeNull().On, flag.Value.Flag.Since, flag.Value.Flag.Subject).ShouldBe((new DateOnly(2024, 4, 23), new DateOnly(2024, 4, 23), "#1"));
        flag.Value.Flag.Detail.ShouldContain("县公安局增加互联网上网服务营业场所消防安全检查");
        year.LeaderRows.ShouldContain(r => r.Row.What.StartsWith(FlagKind.CheckItemsUnpublished.ChineseName()) && r.Row.Whose == Office);
        OnlyToTheOffice(year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains("|check-items-unpublished|") && d.Order.IdempotencyKey.Contains("|overdue|")));
    }

    /// <summary>The changed list is written once, in the office's folder, on the first tick after the change is recorded.</summary>
    [Fact]
    public void Tick_CheckItemChangeNotYetWritten_OrdersItsDocumentOnce()
    {
        var plan = Plan(null, TestPlans.PublishedOn);
        var change = new RecordedCheckItemChange(3, new DateOnly(2024, 4, 8), new CheckItemChange([new CheckItemChange.Department("market", [], ["公示信息检查"])]), null, false);
        OfficeFacts Facts(RecordedCheckItemChange c) => new(new Dictionary<string, CampaignFacts>(), new HashSet<string>(), null, null, [c]);
        var context = new TickContext(plan, Calendars.Shipped, new DateOnly(2024, 4, 8), TestPlans.Directory(), "s", new Dictionary<string, int>());

        var first = CampaignEngine.Tick(context, Facts(change)).Documents.Where(d => d.Template == "check-item-change").ShouldHaveSingleItem();
        first.Path.ShouldBe($"2024/{Office}/check-item-change-3.html");
        first.Model.ShouldBeOfType<CheckItemChangeNotice>().Departments.Single(r => r.Department == "县市场监督管理局").Removed.ShouldBe("公示信息检查");
        CampaignEngine.Tick(context, Facts(change with { DocumentIssued = true })).Documents.ShouldNotContain(d => d.Template == "check-item-change");
    }

    /// <summary>What leaders and offices read must agree: the same 责任单位 in the report as the 催办's recipient.</summary>
    [Fact]
    public void Year_003_PublicityAndSummaryOverdue_OfficeIsTheResponsibleUnitInBoth()
    {
        var year = OfficeYear.Run(Plan(null, TestPlans.PublishedOn), YearStart, new DateOnly(2024, 7, 10));
        foreach (var kind in new[] { FlagKind.PublicityOverdue, FlagKind.SummaryOverdue })
        {
            var rows = year.LeaderRows.Where(r => r.Row.What.StartsWith(kind.ChineseName())).ToList();
            rows.ShouldNotBeEmpty();
            rows.ShouldAllBe(r => r.Row.Whose == Office);
            OnlyToTheOffice(year.Deliveries.Where(d => d.Order.IdempotencyKey.Contains($"|{kind.WireName()}|") && d.Order.IdempotencyKey.Contains("|overdue|")));
        }
    }

    /// <summary>A flag keeps the earliest day it applied: the report counts from the stored since, not a later recomputed one.</summary>
    [Fact]
    public void Tick_StoredSinceEarlierThanComputed_ReportAndFlagKeepTheStoredOne()
    {
        var plan = Plan(null, TestPlans.PublishedOn);
        var facts = CampaignFacts.New("qh-2024-netcafe");
        // Drawn on 9 April, results never entered; on 3 July publicity (1 July) is overdue, computed since 2 July.
        var state = CampaignEngine.Tick(new TickContext(plan, Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(), "s", new Dictionary<string, int>()),
            OfficeFacts.None).Campaigns[0];
        facts = facts with { State = CampaignState.ResultEntry, Draw = state.NewDraw };
        var key = new OverdueFlag(FlagKind.PublicityOverdue, "qh-2024-netcafe", "", default, "").Key;
        var stored = new Dictionary<string, DateOnly> { [key] = new DateOnly(2024, 6, 28) };
        var outcome = CampaignEngine.Tick(new TickContext(plan, Calendars.Shipped, new DateOnly(2024, 7, 3), TestPlans.Directory(), "s", new Dictionary<string, int>()),
            new OfficeFacts(new Dictionary<string, CampaignFacts> { [facts.CampaignId] = facts }, new HashSet<string>(), null, stored));

        outcome.Flags.Single(f => f.Kind == FlagKind.PublicityOverdue).Since.ShouldBe(new DateOnly(2024, 6, 28));
        outcome.Deliveries.Select(d => d.Model).OfType<BreachReport>().First().Rows
            .Single(r => r.What.StartsWith(FlagKind.PublicityOverdue.ChineseName())).Since.ShouldBe(ChineseDates.Format(new DateOnly(2024, 6, 28)));
    }
}
