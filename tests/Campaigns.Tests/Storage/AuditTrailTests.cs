using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Engine;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Results;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Storage;

/// <summary>The audit trail on SQLite and on PostgreSQL (the two subclasses at the end).</summary>
public abstract class AuditTrailTests(TestStore db) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 4, 9, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>What someone with a database console would run to take the append-only triggers away.</summary>
    protected abstract string DropGuards { get; }

    public void Dispose()
    {
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private CampaignStore Store() => db.Open(new SimulatedClock(Now));

    private void Sql(string sql) => db.Execute(sql);

    /// <summary>A draw day, results, a substitution, an outbox round and an archive request: every kind of change.</summary>
    private static CampaignStore Busy(CampaignStore store)
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn);
        var tick = CampaignEngine.Tick(
            new TickContext(plan, Calendars.Shipped, new DateOnly(2024, 4, 9), TestPlans.Directory(), "seed", new Dictionary<string, int>()), OfficeFacts.None);
        var message = new OutboxMessage("k1", "reminder", "qh-2024-netcafe", "田婷婷", "office@qinghe.example", "主题", "正文", null, []);
        store.Apply(plan, tick, [new WrittenDocument("2024/qh-2024-netcafe/draw-record.json", "qh-2024-netcafe", new string('a', 64))], [message],
            new DateOnly(2024, 4, 9), Now, "test");
        var draw = store.Draw("qh-2024-netcafe")!;
        store.AddResults([new ResultEntry("qh-2024-netcafe", draw.Entities[0].Uscc, "police", ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2), null)], "import:r.csv");
        var replaced = draw.Groups[0].Members.First(m => m.DepartmentId == "culture").CertificateNumber;
        store.AddSubstitution(Campaigns.Core.Draws.Substitutions.Draw(draw, [], TestPlans.Inspectors(), replaced, "住院", "县长", new DateOnly(2024, 4, 10)).Substitution!);
        var row = store.DueDeliveries(Now, 10).Single();
        store.MarkFailed(row.Id, "550", dead: true);
        store.Retry(row.Id, Now).ShouldBeTrue();
        store.MarkSent(row.Id, Now);
        return store;
    }

    [Fact]
    public void TwoInstancesTakingTurns_EachAppendsAfterTheOthersRows_AndTheChainHolds()
    {
        // Two workers on one database: neither may chain onto a head it remembers from its own last write.
        var first = Busy(Store());
        var second = Store();
        var entities = first.Draw("qh-2024-netcafe")!.Entities;
        for (var turn = 1; turn <= 4; turn++)
        {
            var result = new ResultEntry("qh-2024-netcafe", entities[0].Uscc, "police", ResultCode.NoProblemFound, new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2), null)
                with { Item = $"item-{turn}" };
            (turn % 2 == 0 ? first : second).AddResults([result], "import:r.csv").ShouldBe(1);
        }
        first.VerifyAuditTrail().ShouldBeNull();
        second.AuditTrailOf("qh-2024-netcafe").Count(e => e.Action == "results-entered").ShouldBe(5);
    }

    [Fact]
    public void StateChangingOperations_EachAppendInOrder_AndTheChainHolds()
    {
        var store = Busy(Store());

        var actions = store.AuditTrailOf("qh-2024-netcafe").Select(e => e.Action).ToList();
        actions.ShouldContain("draw");
        actions.Count(a => a == "transition").ShouldBe(4);
        actions.ShouldContain("document-written");
        actions.ShouldContain("delivery-queued");
        actions.ShouldContain("results-entered");
        actions.ShouldContain("substitution");
        actions.TakeLast(3).ShouldBe(["delivery-dead", "delivery-retried", "delivery-sent"]);
        store.AuditTrailOf("qh-2024-netcafe")[0].PreviousHash.ShouldBe(new string('0', 64));
        store.VerifyAuditTrail().ShouldBeNull();
    }

    [Fact]
    public void Hash_IsSha256OfTheDocumentedCanonicalString()
    {
        var store = Busy(Store());
        var first = store.AuditTrailOf("qh-2024-netcafe")[0];

        // Written out by hand from README / AuditTrail's summary, not by calling the implementation.
        static string Field(string? value) => value is null ? "~\n" : $"{Encoding.UTF8.GetByteCount(value)}:{value}\n";
        var canonical = Field($"{first.Seq}") + Field(first.At) + Field(first.Actor) + Field(first.Action) + Field(first.CampaignId)
            + Field(first.DetailJson) + Field(first.PreviousHash);
        first.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        first.At.ShouldBe(Now.ToString("O"));
    }

    [Fact]
    public void Verify_OneRowsDetailChangedWithRawSql_NamesThatSeq()
    {
        var store = Busy(Store());
        var target = store.AuditTrailOf("qh-2024-netcafe").Single(e => e.Action == "results-entered");
        store.AuditHead()!.Seq.ShouldBeGreaterThan(target.Seq, "the tampered row is not the last one");

        // Whoever edits the file can drop the guard first; the chain still tells.
        Sql(DropGuards);
        Sql($"UPDATE audit_trail SET detail_json = replace(detail_json, '\"code\":1', '\"code\":3') WHERE seq = {target.Seq}");

        store.AuditTrailOf("qh-2024-netcafe").Single(e => e.Seq == target.Seq).DetailJson.ShouldNotBe(target.DetailJson);
        store.VerifyAuditTrail().ShouldBe(target.Seq);
    }

    [Fact]
    public void Verify_RowRemovedFromTheMiddle_NamesTheRowAfterIt()
    {
        var store = Busy(Store());
        var rows = store.AuditTrailOf("qh-2024-netcafe");
        Sql(DropGuards);
        Sql($"DELETE FROM audit_trail WHERE seq = {rows[3].Seq}");

        store.VerifyAuditTrail().ShouldBe(rows[4].Seq);
    }

    [Fact]
    public void Check_FromACheckpoint_ChecksTheRowsAppendedSince_AndFindsABreakAmongThem()
    {
        var store = Busy(Store());
        var whole = store.CheckAuditTrail();
        whole.ShouldBe(new AuditCheckpoint(store.AuditHead()!.Seq, store.AuditHead()!.Hash, null));

        store.RequestArchive("qh-2024-netcafe", new DateOnly(2024, 12, 1), Now, "cli:archive");
        Sql("UPDATE campaigns SET state = 'Reported' WHERE id = 'qh-2024-netcafe'");
        store.RequestArchive("qh-2024-netcafe", new DateOnly(2024, 12, 1), Now, "cli:archive");
        var grown = store.CheckAuditTrail(whole);
        grown.ShouldBe(new AuditCheckpoint(store.AuditHead()!.Seq, store.AuditHead()!.Hash, null), "the appended row chains onto the checkpoint");
        grown.Seq.ShouldBeGreaterThan(whole.Seq);

        // A row appended after the checkpoint and changed: the check from the checkpoint names it, as the whole check does.
        Sql(DropGuards);
        Sql($"UPDATE audit_trail SET actor = 'someone else' WHERE seq = {grown.Seq}");
        store.CheckAuditTrail(whole).BrokenAt.ShouldBe(grown.Seq);
        store.VerifyAuditTrail().ShouldBe(grown.Seq);
        // A checkpoint whose hash is not the row's own (a row before it changed since) breaks at the next row.
        store.CheckAuditTrail(whole with { Hash = new string('f', 64) }).BrokenAt.ShouldBe(whole.Seq + 1);
    }

    [Fact]
    public void UpdateOrDelete_WithTheTriggersInPlace_Refused()
    {
        Busy(Store());
        Should.Throw<DbException>(() => Sql("UPDATE audit_trail SET actor = 'x' WHERE seq = 1")).Message.ShouldContain("append-only");
        Should.Throw<DbException>(() => Sql("DELETE FROM audit_trail WHERE seq = 1")).Message.ShouldContain("append-only");
    }

    [Fact]
    public void RequestArchive_OnlyWhenReported_AndASecondRequestKeepsTheFirstDate()
    {
        var store = Busy(Store());
        store.RequestArchive("qh-2024-netcafe", new DateOnly(2024, 12, 1), Now, "cli:archive")
            .ShouldBe(new ArchiveRequest(CampaignState.Inspecting, null, false));
        store.RequestArchive("nope", new DateOnly(2024, 12, 1), Now, "cli:archive").ShouldBe(new ArchiveRequest(null, null, false));

        Sql("UPDATE campaigns SET state = 'Reported' WHERE id = 'qh-2024-netcafe'");
        store.RequestArchive("qh-2024-netcafe", new DateOnly(2024, 12, 1), Now, "cli:archive")
            .ShouldBe(new ArchiveRequest(CampaignState.Reported, new DateOnly(2024, 12, 1), true));
        store.RequestArchive("qh-2024-netcafe", new DateOnly(2024, 12, 9), Now, "cli:archive")
            .ShouldBe(new ArchiveRequest(CampaignState.Reported, new DateOnly(2024, 12, 1), false));

        store.LoadFacts(TestPlans.Plan(TestPlans.PublishedOn)).For("qh-2024-netcafe").ArchiveRequestedOn.ShouldBe(new DateOnly(2024, 12, 1));
        store.AuditTrailOf("qh-2024-netcafe").Count(e => e.Action == "archive-requested").ShouldBe(1);
        store.VerifyAuditTrail().ShouldBeNull();
    }
}

public sealed class AuditTrailOnSqliteTests() : AuditTrailTests(TestStore.Sqlite())
{
    protected override string DropGuards => "DROP TRIGGER audit_trail_no_update; DROP TRIGGER audit_trail_no_delete";
}

public sealed class AuditTrailOnPostgresTests() : AuditTrailTests(TestStore.Postgres())
{
    protected override string DropGuards => "DROP TRIGGER audit_trail_append_only ON audit_trail";
}
