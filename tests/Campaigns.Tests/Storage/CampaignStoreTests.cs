using System.Data.Common;
using Campaigns.Core.Engine;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Storage;

/// <summary>The store's contract, run on SQLite and on PostgreSQL (the two subclasses at the end).</summary>
public abstract class CampaignStoreTests(TestStore db) : IDisposable
{
    protected static readonly DateTimeOffset Now = new(2024, 4, 9, 9, 0, 0, TimeSpan.FromHours(8));

    public void Dispose()
    {
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    protected CampaignStore Store() => db.Open();

    /// <summary>A second office's plan beside <paramref name="qinghe"/>: its own key, one campaign of its own.</summary>
    private static AnnualPlan Heping(AnnualPlan qinghe) =>
        qinghe with { Office = qinghe.Office with { Name = "和平县“双随机、一公开”工作领导小组办公室" }, Campaigns = [TestPlans.NetCafe("hp-2024-netcafe")] };

    private static TickOutcome DrawDay() => DrawDay(TestPlans.Plan(TestPlans.PublishedOn));

    private static TickOutcome DrawDay(AnnualPlan plan) =>
        CampaignEngine.Tick(new TickContext(plan, Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(), "seed", new Dictionary<string, int>()),
            OfficeFacts.None);

    protected static OutboxMessage Message(string key) => new(key, "reminder", null, "田婷婷", "office@qinghe.example", "主题", "正文", null, []);

    [Fact]
    public void Open_NewFile_AppliesEveryMigration_AndReopensWithoutReapplying()
    {
        Store().SchemaVersion.ShouldBe(23);
        Store().SchemaVersion.ShouldBe(23);
    }

    [Fact]
    public void Open_DatabaseNewerThanWorker_RefusesWithClearMessage()
    {
        Store();
        db.Execute("INSERT INTO schema_version (version) VALUES (99)");
        Should.Throw<InvalidOperationException>(Store).Message.ShouldContain("newer than this worker");
    }

    [Fact]
    public void Apply_DrawDay_PersistsStateDrawAndDrawnEntities()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var outcome = DrawDay();
        store.Apply(plan, outcome, [], [], new DateOnly(2024, 4, 9), Now, "test");

        var facts = store.LoadFacts(plan).For("qh-2024-netcafe");
        facts.State.ShouldBe(CampaignState.Inspecting);
        facts.Draw.ShouldNotBeNull().Entities.ShouldBe(outcome.Campaigns[0].NewDraw!.Entities);
        store.JointChecks(2024).Count.ShouldBe(3);
        store.TransitionLog().Count.ShouldBe(4);
    }

    /// <summary>The seed-commitment ledger: append-only, audited, read with the plan's facts (the draw records it); the year's draw count.</summary>
    [Fact]
    public void RecordCommitment_FirstAndRecommitment_InTheFactsAndTheAuditTrail_SameOneTwiceRecordedOnce()
    {
        var store = Store();
        var first = new Campaigns.Core.Draws.CommitmentEntry(new string('a', 64), Now, "2024.yaml", new string('1', 64), false);
        var again = new Campaigns.Core.Draws.CommitmentEntry(new string('b', 64), Now.AddDays(3), "2024.yaml", new string('2', 64), true, first.Commitment, "调离", "县长");
        store.RecordCommitment("qh-2024-netcafe", first, "test").ShouldBeTrue();
        store.RecordCommitment("qh-2024-netcafe", first, "another instance").ShouldBeFalse();
        store.RecordCommitment("qh-2024-netcafe", again, "test").ShouldBeTrue();

        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.LoadFacts(plan).For("qh-2024-netcafe").Commitments.ShouldBe([first, again]);
        store.Commitments(["qh-2024-netcafe", "other"]).Keys.ShouldBe(["qh-2024-netcafe"]);
        store.AuditTrailOf("qh-2024-netcafe").Select(a => a.Action).ShouldBe(["seed-commitment-seen", "seed-recommitment"]);
        store.VerifyAuditTrail().ShouldBeNull();

        store.DrawnInYear(2024).Draws.ShouldBe(0);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "test");
        store.DrawnInYear(2024).Draws.ShouldBe(1);
    }

    /// <summary>
    /// The facts a store keeps between ticks are a copy: whether they still hold is the store's fact_changes to say, so what
    /// another instance writes (results) and what the outbox marks (a dead letter) is read at once.
    /// </summary>
    [Fact]
    public void Snapshot_NothingWrittenSince_KeepsTheFacts_AnotherInstanceOrTheOutboxWrites_ReadsThemAfresh()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var campaign = plan.Campaigns[0];
        store.Apply(plan, DrawDay(), [], [Message("k1") with { CampaignId = campaign.Id }], new DateOnly(2024, 4, 9), Now, "test");
        var first = store.Snapshot(plan);
        var version = first.Version;
        store.Snapshot(plan).Facts.ShouldBeSameAs(first.Facts);

        var entity = first.Facts.For(campaign.Id).Draw.ShouldNotBeNull().Entities[0];
        Store().AddResults([new ResultEntry(campaign.Id, entity.Uscc, campaign.Lead, ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 3), null)], "other");
        var afterResults = store.Snapshot(plan);
        afterResults.Facts.ShouldNotBeSameAs(first.Facts);
        afterResults.Facts.For(campaign.Id).Results.ShouldHaveSingleItem().Uscc.ShouldBe(entity.Uscc);

        db.Execute("UPDATE deliveries SET state = 'dead' WHERE idempotency_key = 'k1'");
        store.Snapshot(plan).Facts.DeadLetters.ShouldNotBeNull().ShouldHaveSingleItem().RecipientEmail.ShouldBe("office@qinghe.example");

        // Kept facts come with the version read now: Apply must see a tick another instance applied meanwhile.
        Store().Apply(plan, new TickOutcome([], [], [], []), [], [Message("k2")], new DateOnly(2024, 6, 3), Now, "other", version);
        store.Snapshot(plan).Version.ShouldBe(version + 1);
    }

    [Fact]
    public void Apply_ReadVersionMovedMeanwhile_AppliesNothing_AndTheTickLogNamesWhoDid()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var version = store.PlanVersion(plan.Key);
        store.Apply(plan, DrawDay(), [], [Message("k1")], new DateOnly(2024, 4, 9), Now, "w1", version).WasSuperseded.ShouldBeFalse();

        // A second instance that read the facts before the first applied computed the same day again.
        var late = store.Apply(plan, DrawDay(), [], [Message("k2")], new DateOnly(2024, 4, 9), Now, "w2", version);
        late.WasSuperseded.ShouldBeTrue();
        store.TransitionLog().Count.ShouldBe(4);
        store.Deliveries().Select(d => d.IdempotencyKey).ShouldBe(["k1"]);
        store.TickLog().ShouldHaveSingleItem().Instance.ShouldBe("w1");
        store.PlanVersion(plan.Key).ShouldBe(version + 1);
    }

    /// <summary>Plans applied together share a transaction (one commit), but each is still all or nothing on its own.</summary>
    [Fact]
    public void Apply_SeveralPlansTogether_OneFailsMidway_RolledBackAlone_TheOthersApplied_TheChainHolds()
    {
        var store = Store();
        var qinghe = TestPlans.Plan(TestPlans.PublishedOn);
        var heping = Heping(qinghe);
        var day = new DateOnly(2024, 4, 9);
        ReadyTick Ready(AnnualPlan plan, OutboxMessage message) => new(plan, DrawDay(plan),
            [new WrittenDocument($"2024/{plan.Campaigns[0].Id}/draw-record.json", plan.Campaigns[0].Id, new string('a', 64))], [message], day, store.Snapshot(plan));

        // A message without a recipient breaks the outbox's NOT NULL after the plan's draw, transitions and documents went in.
        var results = store.Apply([Ready(qinghe, Message("qh-1") with { RecipientEmail = null! }), Ready(heping, Message("hp-1"))], Now, "w1");

        results[0].Error.ShouldNotBeNull();
        results[0].Applied.ShouldBeNull();
        results[1].Applied.ShouldNotBeNull().Transitions.Count.ShouldBe(4);
        store.TransitionLog().Select(t => t.CampaignId).Distinct().ShouldBe(["hp-2024-netcafe"]);
        store.Deliveries().Select(d => d.IdempotencyKey).ShouldBe(["hp-1"]);
        store.DrawnInYear(2024).Draws.ShouldBe(1);
        store.TickLog().ShouldHaveSingleItem().PlanKey.ShouldBe(heping.Key);
        store.AuditTrailOf("qh-2024-netcafe").ShouldBeEmpty();
        store.VerifyAuditTrail().ShouldBeNull();

        // Ticked again, the failed plan applies as if its first try had never happened.
        store.Apply([Ready(qinghe, Message("qh-1"))], Now, "w1").Single().Applied.ShouldNotBeNull().Transitions.Count.ShouldBe(4);
        store.DrawnInYear(2024).Draws.ShouldBe(2);
        store.PlanVersion(qinghe.Key).ShouldBe(1);
        store.VerifyAuditTrail().ShouldBeNull();
    }

    /// <summary>A plan another instance ticked meanwhile writes nothing, and the plans with it still apply together.</summary>
    [Fact]
    public void Apply_SeveralPlansTogether_OneSuperseded_WritesNothing_TheOthersApplied()
    {
        var store = Store();
        var qinghe = TestPlans.Plan(TestPlans.PublishedOn);
        var heping = Heping(qinghe);
        var day = new DateOnly(2024, 4, 9);
        var stale = store.Snapshot(qinghe);
        store.Apply(qinghe, DrawDay(qinghe), [], [Message("qh-w2")], day, Now, "w2", stale.Version).WasSuperseded.ShouldBeFalse();

        var results = store.Apply(
            [new ReadyTick(qinghe, DrawDay(qinghe), [], [Message("qh-w1")], day, stale), new ReadyTick(heping, DrawDay(heping), [], [Message("hp-w1")], day, store.Snapshot(heping))],
            Now, "w1");

        results[0].Applied.ShouldNotBeNull().WasSuperseded.ShouldBeTrue();
        results[1].Applied.ShouldNotBeNull().Transitions.Count.ShouldBe(4);
        store.Deliveries().Select(d => d.IdempotencyKey).ShouldBe(["qh-w2", "hp-w1"], ignoreOrder: true);
        store.TickLog().Select(t => $"{t.PlanKey} {t.Instance}").ShouldBe([$"{qinghe.Key} w2", $"{heping.Key} w1"], ignoreOrder: true);
        store.DrawnInYear(2024).Draws.ShouldBe(2);
        store.VerifyAuditTrail().ShouldBeNull();
    }

    [Fact]
    public void Apply_ThousandsOfMessagesAcrossInsertChunks_SomeAlreadyQueued_EachNewOneQueuedOnce()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var empty = new TickOutcome([], [], [], []);
        store.Apply(plan, empty, [], [.. Enumerable.Range(0, 700).Select(i => Message($"k{i * 3}"))], new DateOnly(2024, 4, 9), Now, "t");

        var all = Enumerable.Range(0, 2_500).Select(i => Message($"k{i}")).ToList();
        var queued = store.Apply(plan, empty, [], all, new DateOnly(2024, 4, 9), Now, "t").DeliveriesQueued;

        queued.Count.ShouldBe(2_500 - 700);
        queued.ShouldNotContain(m => m.IdempotencyKey == "k3");
        store.Deliveries().Count.ShouldBe(2_500);
        store.ExistingDeliveryKeys(["k2499", "k2500"]).ShouldBe(["k2499"]);
        store.VerifyAuditTrail().ShouldBeNull();
    }

    [Fact]
    public void Apply_FromASnapshot_ADayThatChangesNothing_AppliesAndLogsNothing_AVersionMovedMeanwhileStillStopsAChange()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var day = new DateOnly(2024, 4, 9);
        store.Apply(plan, DrawDay(), [], [], day, Now, "w1", store.Snapshot(plan)).Transitions.Count.ShouldBe(4);
        var flag = new OverdueFlag(FlagKind.PublicityOverdue, "qh-2024-netcafe", "", day, "抽查结果尚未公示");
        var quiet = store.Snapshot(plan);

        // The same day again: every campaign as stored, no flags then and none now.
        var again = CampaignEngine.Tick(new TickContext(plan, Calendars.Shipped, day, TestPlans.Directory(), "seed", new Dictionary<string, int>()), quiet.Facts);
        quiet.Unchanged(again, 0, 0).ShouldBeTrue();
        store.Apply(plan, again, [], [], day, Now, "w2", quiet).WasSuperseded.ShouldBeFalse();
        store.TickLog().ShouldHaveSingleItem().Instance.ShouldBe("w1");

        // A flag is a change: applied, logged, and a snapshot read before it can no longer apply another.
        var flagged = again with { Flags = [flag] };
        quiet.Unchanged(flagged, 0, 0).ShouldBeFalse();
        store.Apply(plan, flagged, [], [], day, Now, "w2", quiet).FlagsRaised.ShouldBe([flag]);
        store.Apply(plan, flagged with { Flags = [flag with { Subject = "other" }] }, [], [], day, Now, "w3", quiet).WasSuperseded.ShouldBeTrue();
        store.ActiveFlags().ShouldHaveSingleItem();
    }

    [Fact]
    public void Apply_SameMessageTwice_QueuedOnce()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var empty = new TickOutcome([], [], [], []);
        store.Apply(plan, empty, [], [Message("k1")], new DateOnly(2024, 4, 9), Now, "a").DeliveriesQueued.Count.ShouldBe(1);
        store.Apply(plan, empty, [], [Message("k1"), Message("k2")], new DateOnly(2024, 4, 9), Now, "b").DeliveriesQueued.Select(m => m.IdempotencyKey).ShouldBe(["k2"]);
        store.Deliveries().Count.ShouldBe(2);
    }

    [Fact]
    public void Apply_Digest_ItsRemindersCountAsOwedAlready_ALaterOneStillGoesOut()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var empty = new TickOutcome([], [], [], []);
        var digest = Message("digest-1") with { Items = ["a", "b"] };
        store.Apply(plan, empty, [], [digest], new DateOnly(2024, 4, 9), Now, "t").DeliveriesQueued.Count.ShouldBe(1);

        store.ExistingDeliveryKeys(["a", "b", "c", "digest-1"]).ShouldBe(["a", "b", "digest-1"], ignoreOrder: true);
        store.Apply(plan, empty, [], [Message("c")], new DateOnly(2024, 4, 9), Now, "t").DeliveriesQueued.Single().IdempotencyKey.ShouldBe("c");
        store.ExistingDeliveryKeys(["c"]).ShouldBe(["c"]);
    }

    [Fact]
    public void Migration23_ADigestQueuedBeforeIt_ItsOwnKeyIsStillFound_AndTheDrawnEntitiesStay()
    {
        // why: the check for keys already queued reads only the delivery items since step 23; a digest queued before that
        // step had only its reminders as items, and its own key must not be forgotten by the upgrade. SQLite builds the
        // items' and the drawn entities' tables again in that step.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [Message("digest-1") with { Items = ["a", "b"] }], new DateOnly(2024, 4, 9), Now, "t");
        var drawn = store.DrawnInYear(2024);
        drawn.Entities.ShouldBeGreaterThan(0);
        db.Execute("DELETE FROM delivery_items WHERE item_key = 'digest-1'; DELETE FROM schema_version WHERE version = 23");
        store.ExistingDeliveryKeys(["digest-1"]).ShouldBeEmpty();

        var upgraded = Store();

        upgraded.SchemaVersion.ShouldBe(23);
        upgraded.ExistingDeliveryKeys(["a", "b", "c", "digest-1"]).ShouldBe(["a", "b", "digest-1"], ignoreOrder: true);
        upgraded.DrawnInYear(2024).ShouldBe(drawn);
        upgraded.JointChecks(2024).Count.ShouldBe(drawn.Entities);
    }

    [Fact]
    public void LoadFacts_DeadLettersOfThePlan_UntilRetried()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var mine = Message($"{plan.Key}|reminder|x") with { Subject = "【提醒】公示" };
        var other = Message("2023:另一个办公室|reminder|y");
        store.Apply(plan, new TickOutcome([], [], [], []), [], [mine, other], new DateOnly(2024, 4, 9), Now, "t");
        foreach (var row in store.DueDeliveries(Now, 10))
        {
            store.MarkFailed(row.Id, "550 no such user", dead: true);
        }

        var dead = store.LoadFacts(plan).DeadLetters.ShouldNotBeNull().Single();
        dead.Subject.ShouldBe("【提醒】公示");
        dead.LastError.ShouldBe("550 no such user");
        store.Retry(dead.Id, Now).ShouldBeTrue();
        store.LoadFacts(plan).DeadLetters.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public void Apply_Flags_RaisedOnceAndClearedWhenGone()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var flag = new OverdueFlag(FlagKind.PublicityOverdue, "qh-2024-netcafe", "", new DateOnly(2024, 6, 25), "抽查结果尚未公示");
        var with = new TickOutcome([], [flag], [], []);
        store.Apply(plan, with, [], [], new DateOnly(2024, 6, 25), Now, "t").FlagsRaised.ShouldBe([flag]);
        store.Apply(plan, with, [], [], new DateOnly(2024, 6, 26), Now, "t").FlagsRaised.ShouldBeEmpty();
        store.ActiveFlags().Single().Since.ShouldBe("2024-06-25");

        var cleared = store.Apply(plan, new TickOutcome([], [], [], []), [], [], new DateOnly(2024, 6, 27), Now, "t").FlagsCleared;
        cleared.Single().Kind.ShouldBe(FlagKind.PublicityOverdue);
        store.ActiveFlags().ShouldBeEmpty();
    }

    [Fact]
    public void Apply_FlagStaysRaised_KeepsTheEarliestSince()
    {
        // A follow-up entered late, whose deadline had passed before the flag was raised, moves the flag's since earlier;
        // closing that one never moves it on again: the report, the 催办 and the store give one date.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        OverdueFlag Flag(DateOnly since, string detail) => new(FlagKind.FollowUpOverdue, "qh-2024-netcafe", "market", since, detail);
        store.Apply(plan, new TickOutcome([], [Flag(new DateOnly(2024, 5, 18), "1户")], [], []), [], [], new DateOnly(2024, 5, 20), Now, "t");
        store.Apply(plan, new TickOutcome([], [Flag(new DateOnly(2024, 4, 19), "2户")], [], []), [], [], new DateOnly(2024, 5, 21), Now, "t");
        store.ActiveFlags().Single().Since.ShouldBe("2024-04-19");
        store.Apply(plan, new TickOutcome([], [Flag(new DateOnly(2024, 5, 18), "1户")], [], []), [], [], new DateOnly(2024, 5, 22), Now, "t");
        store.ActiveFlags().Single().Since.ShouldBe("2024-04-19");
        store.Snapshot(plan).Facts.FlagsSince.ShouldNotBeNull()[Flag(default, "").Key].ShouldBe(new DateOnly(2024, 4, 19));
    }

    [Fact]
    public void Apply_SeveralFlagsChangeAndClearInOneTick_EachKeepsItsOwn()
    {
        // A day results come in moves many flags' details at once (one statement for them all on PostgreSQL) and clears
        // others: each flag gets its own detail and since, the unchanged one stays as it was.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        OverdueFlag Flag(string department, DateOnly since, string detail) => new(FlagKind.FollowUpOverdue, "qh-2024-netcafe", department, since, detail);
        var day = new DateOnly(2024, 5, 18);
        store.Apply(plan, new TickOutcome([], [Flag("market", day, "3户"), Flag("fire", day, "2户"), Flag("culture", day, "1户"), Flag("police", day, "4户")], [], []),
            [], [], new DateOnly(2024, 5, 20), Now, "t");

        var next = store.Apply(plan, new TickOutcome([], [Flag("market", day, "2户"), Flag("fire", new DateOnly(2024, 5, 10), "1户"), Flag("police", day, "4户")], [], []),
            [], [], new DateOnly(2024, 5, 21), Now, "t");

        next.FlagsRaised.ShouldBeEmpty();
        next.FlagsCleared.Select(f => f.Subject).ShouldBe(["culture"]);
        store.ActiveFlags().Select(f => (f.Subject, f.Detail, f.Since)).OrderBy(f => f.Subject).ShouldBe(
            [("fire", "1户", "2024-05-10"), ("market", "2户", "2024-05-18"), ("police", "4户", "2024-05-18")]);
    }

    [Fact]
    public void ConfirmBulletin_OnceOnly_ReadInTheSnapshot()
    {
        // 001 (十一): the office's bulletin (一抽查一通报) is recorded apart from the results' publicity.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "t");
        var bulletin = new Publication("https://www.qinghe.gov.cn/ssjygk/1", new DateOnly(2024, 6, 20));
        store.ConfirmBulletin("qh-2024-netcafe", bulletin, Now).ShouldBeTrue();
        store.ConfirmBulletin("qh-2024-netcafe", bulletin with { Url = "https://other.example" }, Now).ShouldBeFalse();
        store.BulletinOf("qh-2024-netcafe").ShouldBe(bulletin);
        store.Snapshot(plan).Facts.For("qh-2024-netcafe").Bulletin.ShouldBe(bulletin);
        store.PublicationOf("qh-2024-netcafe").ShouldBeNull();
    }

    [Fact]
    public void ConfirmList_OncePerDepartment_ReadInTheSnapshot()
    {
        // 002 五(三)2: each department confirms receipt of its dispatched list.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "t");
        store.ConfirmList("qh-2024-netcafe", "market", new DateOnly(2024, 4, 10), "李四", Now).ShouldBeTrue();
        store.ConfirmList("qh-2024-netcafe", "market", new DateOnly(2024, 4, 11), "李四", Now).ShouldBeFalse();
        store.ListConfirmationsOf("qh-2024-netcafe").ShouldBe([("market", "2024-04-10", "李四")]);
        store.Snapshot(plan).Facts.For("qh-2024-netcafe").ListConfirmations.ShouldNotBeNull()["market"].ShouldBe(new DateOnly(2024, 4, 10));
        store.AuditTrailOf("qh-2024-netcafe").Last().Action.ShouldBe("list-confirmed");
    }

    [Fact]
    public void ConfirmDepartmentPublication_OncePerDepartment_ReadInTheSnapshot_Audited()
    {
        // 谁检查、谁录入、谁公示 (002 五(三)7, 003 §20(四), 004 §23): each department confirms its own results' publicity.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "t");
        var market = new Publication("https://hebei.gsxt.gov.cn/market/1", new DateOnly(2024, 6, 28));
        store.ConfirmDepartmentPublication("qh-2024-netcafe", "market", market, Now, "web:李四").ShouldBeTrue();
        store.ConfirmDepartmentPublication("qh-2024-netcafe", "market", market with { Url = "https://other.example" }, Now).ShouldBeFalse();

        store.DepartmentPublicationsOf("qh-2024-netcafe").ShouldBe(new Dictionary<string, Publication> { ["market"] = market });
        store.Snapshot(plan).Facts.For("qh-2024-netcafe").DepartmentPublications.ShouldNotBeNull()["market"].ShouldBe(market);
        store.PublicationOf("qh-2024-netcafe").ShouldBeNull();
        var audit = store.AuditTrailOf("qh-2024-netcafe").Last();
        (audit.Action, audit.Actor).ShouldBe(("department-publication-confirmed", "web:李四"));
    }

    [Fact]
    public void AcceptPlan_WithCheckItemChange_RecordedOnceNumbered_ConfirmedOnce()
    {
        // 004 §8: a change of the published list is recorded with the version that made it, and published once.
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var change = new PendingCheckItemChange(plan, new DateOnly(2024, 4, 8), "old-sha",
            new Campaigns.Core.Plans.CheckItemChange([new("police", ["消防安全检查"], [])]));
        store.AcceptPlan(new LastGoodPlan("2024.yaml", "year: 2024", "sha-1", Now), "t", change).ShouldBeTrue();
        store.AcceptPlan(new LastGoodPlan("2024.yaml", "year: 2024", "sha-1", Now), "t", change).ShouldBeFalse();
        store.AcceptPlan(new LastGoodPlan("2024.yaml", "year: 2024 ", "sha-2", Now), "t", change).ShouldBeTrue();

        store.CheckItemChangeRows().Select(r => (r.Sequence, r.PlanKey, r.ChangedOn)).ShouldBe([(1L, plan.Key, "2024-04-08"), (2L, plan.Key, "2024-04-08")]);
        var recorded = store.Snapshot(plan).Facts.CheckItemChanges.ShouldNotBeNull();
        (recorded[0].Sequence, recorded[0].ChangedOn, recorded[0].Publication, recorded[0].DocumentIssued).ShouldBe((1L, new DateOnly(2024, 4, 8), (Publication?)null, false));
        var police = recorded[0].Change.Departments.ShouldHaveSingleItem();
        (police.DepartmentId, police.Added.Single(), police.Removed.Count).ShouldBe(("police", "消防安全检查", 0));

        var publication = new Publication("https://www.qinghe.gov.cn/ssjygk/items", new DateOnly(2024, 4, 18));
        store.ConfirmCheckItemChange(1, publication, Now).ShouldBeTrue();
        store.ConfirmCheckItemChange(1, publication with { Url = "https://other.example" }, Now).ShouldBeFalse();
        store.ConfirmCheckItemChange(99, publication, Now).ShouldBeFalse();
        store.Snapshot(plan).Facts.CheckItemChanges.ShouldNotBeNull()[0].Publication.ShouldBe(publication);
        store.AuditHead().ShouldNotBeNull().Action.ShouldBe("check-items-published");
    }

    [Fact]
    public void DueDeliveries_FailedRowOwnedByItsJob_PassesLeaveItUntilTheSweepHandsItBack()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("k")], new DateOnly(2024, 4, 9), Now, "t");
        var row = store.DueDeliveries(Now, 10).Single();
        store.MarkFailed(row.Id, "connection refused", dead: false, jobId: "17");
        store.DueDeliveries(Now.AddDays(1), 10).ShouldBeEmpty("its job retries it, not the passes");
        store.DeliveryJobs().ShouldBe([new DeliveryJobLink(row.Id, "pending", 1, "17", "connection refused")]);
        store.DeliveryJobOf(row.Id).ShouldBe(new DeliveryJobLink(row.Id, "pending", 1, "17", "connection refused"));

        store.MarkFailed(row.Id, "connection refused", dead: true, jobId: "17");
        store.Deliveries("dead").Single().LastError.ShouldBe("connection refused");
        store.DeliveryJobs().Single().State.ShouldBe("dead");
        store.DeliveryJobs(withDeadLetters: false).ShouldBeEmpty("the sweep looks at dead letters once per process");
        store.DeliveryJobOf(row.Id).ShouldNotBeNull().State.ShouldBe("dead");

        store.Retry(row.Id, Now).ShouldBeTrue();
        store.DueDeliveries(Now, 10).ShouldBeEmpty("retried, it is still its job's: the sweep requeues that job");
        store.SetDeliveryJob(row.Id, null);
        store.DueDeliveries(Now, 10).Single().Attempts.ShouldBe(0);
        store.DeliveryJobs().ShouldBeEmpty();
        store.DeliveryJobOf(row.Id).ShouldBeNull();
    }

    [Fact]
    public void AddResults_SameResultTwice_CountsOnce()
    {
        var store = Store();
        var entry = new ResultEntry("c", "91130534MA0010000X1", "police", ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 3), null);
        store.AddResults([entry], "test").ShouldBe(1);
        store.AddResults([entry], "test").ShouldBe(0);
        store.Results("c").ShouldBe([entry]);
    }

    /// <summary>The same as the store's own check, from one read of every plan's version and fingerprint (a tick's).</summary>
    [Fact]
    public void Snapshot_WithChecksOfEveryPlan_KeepsTheFactsWhileNothingMoved_ReadsAnyWriteAfresh_WithTheVersionRead()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var other = TestPlans.Plan(TestPlans.PublishedOn) with { Office = plan.Office with { Name = "和平区市场监督管理局" } };
        var campaign = plan.Campaigns[0];
        store.Apply(plan, DrawDay(), [], [Message("k1") with { CampaignId = campaign.Id }], new DateOnly(2024, 4, 9), Now, "test");
        var first = store.Snapshot(plan);
        var version = first.Version;
        store.Snapshot(plan, store.ReadFactsChecks()).Facts.ShouldBeSameAs(first.Facts);
        store.Snapshot(plan, store.ReadFactsChecks()).Version.ShouldBe(version);

        var entity = first.Facts.For(campaign.Id).Draw.ShouldNotBeNull().Entities[0];
        Store().AddResults([new ResultEntry(campaign.Id, entity.Uscc, campaign.Lead, ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 3), null)], "other");
        var afterResults = store.Snapshot(plan, store.ReadFactsChecks());
        afterResults.Facts.ShouldNotBeSameAs(first.Facts);
        afterResults.Facts.For(campaign.Id).Results.ShouldHaveSingleItem().Uscc.ShouldBe(entity.Uscc);

        // A write under the office scope ('*': a dead letter with no campaign) moves every plan's fingerprint.
        store.Snapshot(plan, store.ReadFactsChecks()).Facts.ShouldBeSameAs(afterResults.Facts);
        Store().Apply(other, new TickOutcome([], [], [], []), [], [Message("office-k") with { CampaignId = null }], new DateOnly(2024, 6, 3), Now, "other");
        db.Execute("UPDATE deliveries SET state = 'dead' WHERE idempotency_key = 'office-k'");
        store.Snapshot(plan, store.ReadFactsChecks()).Facts.ShouldNotBeSameAs(afterResults.Facts);

        Store().Apply(plan, new TickOutcome([], [], [], []), [], [Message("k2")], new DateOnly(2024, 6, 3), Now, "other", store.Snapshot(plan).Version);
        store.Snapshot(plan, store.ReadFactsChecks()).Version.ShouldBe(version + 1);
    }

    [Fact]
    public void Snapshot_ManyFactChanges_FoldedOnTheFullRead_FactsStillKept_AWriteAfterStillSeen()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "test");
        var campaign = plan.Campaigns[0];
        var entities = store.Draw(campaign.Id)!.Entities;
        ResultEntry Result(int entity, string department) =>
            new(campaign.Id, entities[entity].Uscc, department, ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 3), null);
        store.AddResults([.. entities.Skip(1).SelectMany((_, i) => campaign.AllDepartments.Select(d => Result(i + 1, d)))], "test");
        // Closing the same follow-up again and again: each closure is appended, a change of the campaign's facts each time.
        store.CloseFollowUps([.. Enumerable.Range(1, 20).Select(i =>
            new FollowUpClosure(campaign.Id, entities[1].Uscc, campaign.Lead, FollowUpAction.Guidance, $"第{i}次", new DateOnly(2024, 6, 10)))], "test");
        var changes = db.Scalar<long>("SELECT COUNT(*) FROM fact_changes");
        changes.ShouldBeGreaterThan(4 * 2, "more rows than the fold leaves alone: four for each of the plan's two scopes, its own and its campaign's");

        var read = store.Snapshot(plan);

        db.Scalar<long>("SELECT COUNT(*) FROM fact_changes").ShouldBeLessThanOrEqualTo(3, "one row per scope of the plan: the campaign's and the plan's ('*' is not folded)");
        db.Scalar<long>("SELECT SUM(weight) FROM fact_changes").ShouldBe(changes);
        store.Snapshot(plan).Facts.ShouldBeSameAs(read.Facts, "a fold leaves the fingerprint as it was, so the facts are kept");
        store.Snapshot(plan, store.ReadFactsChecks()).Facts.ShouldBeSameAs(read.Facts, "the fingerprint read for all plans at once adds up the folded rows alike");
        store.AddResults([Result(0, campaign.Lead)], "test");
        store.Snapshot(plan, store.ReadFactsChecks()).Facts.For(campaign.Id).Results.Count.ShouldBe(read.Facts.For(campaign.Id).Results.Count + 1);
    }

    [Fact]
    public void CloseFollowUps_Several_RecordsEachInOrder_OneAuditRowEach_ChainIntact()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "test");
        var entities = store.Draw("qh-2024-netcafe")!.Entities;
        FollowUpClosure Closure(int i, FollowUpAction action) =>
            new("qh-2024-netcafe", entities[i].Uscc, "market", action, $"处理{i}", new DateOnly(2024, 6, 10));
        var closures = new[] { Closure(1, FollowUpAction.Case), Closure(0, FollowUpAction.Guidance) };

        store.CloseFollowUps(closures, "simulate");
        store.CloseFollowUps([], "simulate");

        store.FollowUpClosures("qh-2024-netcafe").ShouldBe(closures);
        store.LoadFacts(plan).For("qh-2024-netcafe").FollowUpClosures.ShouldBe(closures);
        var audit = store.AuditTrailOf("qh-2024-netcafe").Where(a => a.Action == "follow-up-closed").ToList();
        audit.Select(a => (a.Actor, a.DetailJson.Contains(entities[1].Uscc))).ShouldBe([("simulate", true), ("simulate", false)]);
        store.CheckAuditTrail().BrokenAt.ShouldBeNull();
    }

    [Fact]
    public void AddSubstitution_AppendsWithoutTouchingTheDraw_FactsSeeTheReplacement()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        store.Apply(plan, DrawDay(), [], [], new DateOnly(2024, 4, 9), Now, "test");
        var draw = store.Draw("qh-2024-netcafe")!;
        var replaced = draw.Groups[0].Members.First(m => m.DepartmentId == "culture").CertificateNumber;
        var (substitution, _) = Campaigns.Core.Draws.Substitutions.Draw(draw, [], TestPlans.Inspectors(), replaced, "住院", "县长", new DateOnly(2024, 4, 10));
        store.AddSubstitution(substitution!);

        store.Draw("qh-2024-netcafe")!.Groups[0].Members.ShouldBe(draw.Groups[0].Members, "the record as drawn never changes");
        store.Substitutions("qh-2024-netcafe").ShouldBe([substitution!]);
        var members = store.LoadFacts(plan).For("qh-2024-netcafe").Draw!.Groups[0].Members.Select(m => m.CertificateNumber).ToList();
        members.ShouldContain(substitution!.Replacement.CertificateNumber);
        members.ShouldNotContain(replaced);
        Should.Throw<DbException>(() => store.AddSubstitution(substitution!), "a sequence number is used once");
    }

    [Fact]
    public void Queue_StoresBodiesPacked_AndAClaimReadsThemBackAsRendered()
    {
        var store = Store();
        var html = "<p>请于 2024年6月28日 前录入检查结果。</p>";
        store.Queue([Message("packed") with { TextBody = "请于 2024年6月28日 前录入检查结果。\n", HtmlBody = html }, Message("text only")], Now, "t");

        using var batch = store.ClaimBatch(Now, 10);
        var read = batch.Deliveries.ToDictionary(d => d.Message.IdempotencyKey, d => d.Message);
        read["packed"].TextBody.ShouldBe("请于 2024年6月28日 前录入检查结果。\n");
        read["packed"].HtmlBody.ShouldBe(html);
        read["text only"].TextBody.ShouldBe("正文");
        read["text only"].HtmlBody.ShouldBeNull();
        db.Scalar<long>("SELECT COUNT(*) FROM deliveries WHERE bodies IS NOT NULL AND text_body = '' AND html_body IS NULL").ShouldBe(2);
    }

    [Fact]
    public void ClaimBatch_RowQueuedBeforeBodiesWerePacked_ReadsItsTextColumns()
    {
        var store = Store();
        db.Execute(
            """
            INSERT INTO deliveries (idempotency_key, kind, recipient_name, recipient_email, subject, text_body, html_body, attachments_json,
                state, attempts, next_attempt_at, created_at)
            VALUES ('old', 'reminder', '田婷婷', 'office@qinghe.example', '主题', '旧正文', '<p>旧正文</p>', '[]', 'pending', 0,
                '2024-04-01T00:00:00.0000000+00:00', '2024-04-01T00:00:00.0000000+00:00')
            """);

        using var batch = store.ClaimBatch(Now, 10);
        var message = batch.Deliveries.ShouldHaveSingleItem().Message;
        (message.TextBody, message.HtmlBody).ShouldBe(("旧正文", "<p>旧正文</p>"));
    }
}

public sealed class CampaignStoreOnSqliteTests() : CampaignStoreTests(TestStore.Sqlite());

public sealed class CampaignStoreOnPostgresTests() : CampaignStoreTests(TestStore.Postgres())
{
    [Fact]
    public async Task Open_FourInstancesStartingTogether_MigrateOnceWithoutRacing()
    {
        // Without the advisory lock two of them would both see version 0 and both CREATE TABLE campaigns.
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Store)));
        stores.ShouldAllBe(s => s.SchemaVersion == StoreInspector.KnownSchemaVersion);
    }

    [Fact]
    public void ClaimBatch_TwoInstancesAtOnce_EachGetsItsOwnRows_AnUnsettledBatchGivesItsRowsBack()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("a"), Message("b"), Message("c")], new DateOnly(2024, 4, 9), Now, "t");
        var other = Store();

        using var first = store.ClaimBatch(Now, 2);
        first.Deliveries.Count.ShouldBe(2);
        using var second = other.ClaimBatch(Now, 2);
        second.Deliveries.ShouldHaveSingleItem().Id.ShouldNotBeOneOf([.. first.Deliveries.Select(d => d.Id)], "the rows the first instance holds are passed over");
        using (var none = store.ClaimBatch(Now, 2))
        {
            none.Deliveries.ShouldBeEmpty();
        }

        // The mark commits while the batch still holds its other row.
        first.Sent(first.Deliveries[0]);
        first.Flush();
        store.Deliveries().Single(d => d.Id == first.Deliveries[0].Id).State.ShouldBe("sent");
        second.Dispose(); // killed mid-send: its row is pending again, for whoever comes next
        using var again = store.ClaimBatch(Now, 2);
        again.Deliveries.ShouldHaveSingleItem().Id.ShouldBe(second.Deliveries[0].Id);
    }

    [Fact]
    public void ClaimBatch_SomeOfTheOldestHeldElsewhere_TopsUpPastThem_OldestFirst()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("a"), Message("b"), Message("c"), Message("d")], new DateOnly(2024, 4, 9), Now, "t");
        using var first = store.ClaimBatch(Now, 1);
        var held = first.Deliveries.ShouldHaveSingleItem().Id;

        // The oldest two are a (held) and b: b is taken, then the batch is filled past every held row with c, not with a.
        using var second = Store().ClaimBatch(Now, 2);
        second.Deliveries.Select(d => d.Message.IdempotencyKey).ShouldBe(["b", "c"]);
        second.Deliveries.ShouldNotContain(d => d.Id == held);
    }

    [Fact]
    public void ClaimBatch_RowSettledByAnotherInstance_NotClaimedAgain()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("a")], new DateOnly(2024, 4, 9), Now, "t");
        using (var first = store.ClaimBatch(Now, 10))
        {
            first.Sent(first.Deliveries.ShouldHaveSingleItem());
            first.Flush();
        }
        using var later = Store().ClaimBatch(Now, 10);
        later.Deliveries.ShouldBeEmpty();
    }

    [Fact]
    public void ClaimBatch_AnotherDatabaseOfTheServerHoldsTheSameIds_ClaimsItsOwnRowsAll()
    {
        using var neighbour = TestStore.Postgres();
        var other = neighbour.Open();
        other.Queue([Message("a"), Message("b")], Now, "t");
        using var held = other.ClaimBatch(Now, 10);
        held.Deliveries.Select(d => d.Id).ShouldBe([1L, 2L]);

        var store = Store();
        store.Queue([Message("a"), Message("b")], Now, "t");
        using var batch = store.ClaimBatch(Now, 10);

        batch.Deliveries.Select(d => d.Id).ShouldBe([1L, 2L], "the other database's claim on its rows 1 and 2 is not this database's");
    }
}
