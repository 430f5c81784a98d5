using System.Data.Common;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
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

    private static TickOutcome DrawDay()
    {
        var context = new TickContext(TestPlans.Plan(TestPlans.PublishedOn), Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(),
            "seed", new Dictionary<string, int>());
        return CampaignEngine.Tick(context, OfficeFacts.None);
    }

    protected static OutboxMessage Message(string key) => new(key, "reminder", null, "田婷婷", "office@qinghe.example", "主题", "正文", null, []);

    [Fact]
    public void Open_NewFile_AppliesEveryMigration_AndReopensWithoutReapplying()
    {
        Store().SchemaVersion.ShouldBe(11);
        Store().SchemaVersion.ShouldBe(11);
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
    public void LoadFacts_DeadLettersOfThePlan_UntilRetried()
    {
        var store = Store();
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var mine = Message($"{plan.Key}|reminder|x") with { Subject = "【提醒】公示" };
        var other = Message("2023:另一个办公室|reminder|y");
        store.Apply(plan, new TickOutcome([], [], [], []), [], [mine, other], new DateOnly(2024, 4, 9), Now, "t");
        foreach (var row in store.DueDeliveries(Now, 10))
        {
            store.MarkFailed(row.Id, "550 no such user", Now, dead: true);
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
    public void DueDeliveries_FailedRowWaitsForBackOff_ThenDeadLetters()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("k")], new DateOnly(2024, 4, 9), Now, "t");
        var row = store.DueDeliveries(Now, 10).Single();
        store.MarkFailed(row.Id, "connection refused", Now.AddMinutes(1), dead: false);
        store.DueDeliveries(Now, 10).ShouldBeEmpty();
        store.DueDeliveries(Now.AddMinutes(1), 10).Single().Attempts.ShouldBe(1);
        store.MarkFailed(row.Id, "connection refused", Now.AddMinutes(3), dead: true);
        store.DueDeliveries(Now.AddDays(1), 10).ShouldBeEmpty();
        store.Deliveries("dead").Single().LastError.ShouldBe("connection refused");
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

        // Settled one row at a time: the mark commits while the batch still holds its other row.
        first.Sent(first.Deliveries[0], Now);
        store.Deliveries().Single(d => d.Id == first.Deliveries[0].Id).State.ShouldBe("sent");
        second.Dispose(); // killed mid-send: its row is pending again, for whoever comes next
        using var again = store.ClaimBatch(Now, 2);
        again.Deliveries.ShouldHaveSingleItem().Id.ShouldBe(second.Deliveries[0].Id);
    }

    [Fact]
    public void ClaimBatch_RowSettledByAnotherInstance_NotClaimedAgain()
    {
        var store = Store();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [Message("a")], new DateOnly(2024, 4, 9), Now, "t");
        using (var first = store.ClaimBatch(Now, 10))
        {
            first.Sent(first.Deliveries.ShouldHaveSingleItem(), Now);
        }
        using var later = Store().ClaimBatch(Now, 10);
        later.Deliveries.ShouldBeEmpty();
    }
}
