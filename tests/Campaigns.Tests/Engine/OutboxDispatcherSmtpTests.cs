using System.Text;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Engine;

/// <summary>
/// Faults through the real pieces: OutboxDispatcher, CampaignStore on SQLite and on PostgreSQL (whose claims hold a row
/// lock across the send; the two subclasses at the end), SmtpTransport and a real SMTP server on loopback. A message's own
/// failure goes to <see cref="IDeliveryRetries"/> (Hangfire's jobs in the worker; a recorder here), which owns it from then on.
/// </summary>
public abstract class OutboxDispatcherSmtpTests(TestStore db) : IDisposable
{
    private const string Rejected = "rejected@qinghe.example";
    private const int MaxAttempts = 3;
    private readonly TempFolder _dir = new();
    private readonly SmtpServer _server = SmtpServer.Start(Rejected);
    private readonly SimulatedClock _clock = new(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private CampaignStore Store() => db.Open();

    private readonly RecordedRetries _retries = new();

    private OutboxDispatcher Dispatcher(CampaignStore store, IMailTransport? transport = null) => new(
        Options.Create(new WorkerOptions { Root = _dir.Path, Documents = "documents", MaxDeliveryAttempts = MaxAttempts }),
        store,
        transport ?? Transport(),
        _clock,
        NullLogger<OutboxDispatcher>.Instance,
        retries: _retries);

    private SmtpTransport Transport() => new(
        new SmtpSettings(_server.Host, _server.Port, SmtpSecurity.None, null, null, TimeSpan.FromSeconds(10)),
        new Contact("双随机一公开工作提醒", "campaigns@qinghe.example", null),
        _clock);

    private static OutboxMessage Message(string key, string email = "market@qinghe.example", params string[] attachments) => new(
        key, "reminder", null, "李四", email, $"【提醒】检查结果录入截止（{key}）", $"李四：\n{key}\n", $"<p>{key}</p>", attachments);

    private void Enqueue(CampaignStore store, params OutboxMessage[] messages) =>
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], messages, DateOnly.FromDateTime(_clock.GetUtcNow().Date), _clock.GetUtcNow(), "test");

    private void Advance(TimeSpan by) => _clock.Set(_clock.GetUtcNow() + by);

    private static string Id(string key) => $"<{OutboxDispatcher.MessageId(key)}@campaigns.local>";

    private string?[] ReceivedIds() => [.. _server.Received().Select(m => m.MessageId)];

    [Fact]
    public async Task Dispatch_ServerDownForAWhileThenUp_AllDeliveredInOrderNoneTwice()
    {
        Directory.CreateDirectory(_dir.File("documents", "2026"));
        File.WriteAllText(_dir.File("documents", "2026", "一企一表.html"), "<html>一企一表</html>");
        var store = Store();
        string[] keys = ["k1", "k2", "k3", "k4", "k5"];
        Enqueue(store, [.. keys.Select((k, i) => i == 0 ? Message(k, attachments: "2026/一企一表.html") : Message(k))]);
        var dispatcher = Dispatcher(store);

        _server.Stop();
        var down = await dispatcher.DispatchDueAsync(CancellationToken.None);
        (down.Sent, down.ServerUnavailable).ShouldBe((0, true));
        (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(0);
        // An outage is not the messages' fault: no attempt is charged, no job takes a row, so none can be dead-lettered by it.
        store.Deliveries().ShouldAllBe(d => d.State == "pending" && d.Attempts == 0);
        store.Deliveries()[0].LastError.ShouldNotBeNull().ShouldContain("unavailable");
        _retries.Taken.ShouldBeEmpty();

        _server.Restart();
        (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(5);
        ReceivedIds().ShouldBe([.. keys.Select(Id)]);
        store.Deliveries().ShouldAllBe(d => d.State == "sent" && d.Attempts == 1 && d.LastError == null);

        var first = _server.Received()[0];
        first.Subject.ShouldBe("【提醒】检查结果录入截止（k1）");
        first.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("一企一表.html");
        Encoding.UTF8.GetString(first.Attachments[0].Body).ShouldBe("<html>一企一表</html>");

        Advance(TimeSpan.FromDays(1));
        (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(0);
        _server.Received().Count.ShouldBe(5);
    }

    [Fact]
    public async Task Dispatch_ServerRejectsOneRecipient_ItsJobOwnsItUntilDeadAfterMaxAttemptsOthersDelivered()
    {
        var store = Store();
        Enqueue(store, Message("ok1"), Message("bad", Rejected), Message("ok2"));
        var dispatcher = Dispatcher(store);

        (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(2);
        ReceivedIds().ShouldBe([Id("ok1"), Id("ok2")]);
        var bad = store.Deliveries().Single(d => d.IdempotencyKey == "bad");
        _retries.Taken.ShouldBe([(bad.Id, false)]);
        store.DeliveryJobs().ShouldHaveSingleItem().ShouldBe(new DeliveryJobLink(bad.Id, "pending", 1, "job-1", bad.LastError));

        // The passes leave it to its job, however long they run.
        Advance(TimeSpan.FromDays(2));
        (await dispatcher.DispatchDueAsync(CancellationToken.None)).Failed.ShouldBe(0);
        store.Deliveries().Single(d => d.Id == bad.Id).Attempts.ShouldBe(1);

        // The job's tries (Hangfire's retries) charge the same row; the last one makes it dead.
        var second = await dispatcher.SendOwnedAsync(bad.Id, "job-1", CancellationToken.None);
        second.Failures.ShouldHaveSingleItem().Dead.ShouldBeFalse();
        var third = await dispatcher.SendOwnedAsync(bad.Id, "job-1", CancellationToken.None);
        third.Failures.ShouldHaveSingleItem().Dead.ShouldBeTrue();

        var dead = store.Deliveries("dead").ShouldHaveSingleItem();
        (dead.IdempotencyKey, dead.Attempts).ShouldBe(("bad", MaxAttempts));
        dead.LastError.ShouldNotBeNull().ShouldContain("rejected");
        store.DeliveryJobs().ShouldHaveSingleItem().JobId.ShouldBe("job-1", "the job that tried it last is the Failed one");
        _retries.Taken.Count.ShouldBe(1, "a job's own tries create no new job");
        store.Deliveries("sent").Select(d => d.IdempotencyKey).ShouldBe(["ok1", "ok2"]);

        (await dispatcher.SendOwnedAsync(bad.Id, "job-1", CancellationToken.None)).Sent.ShouldBe(0, "a dead row is not pending");
        _server.Received().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Dispatch_StoppedMidPass_EverySentMessageMarkedAndTheRestStillPending()
    {
        var store = Store();
        Enqueue(store, [.. Enumerable.Range(0, 40).Select(i => Message($"s{i}", $"s{i}@qinghe.example"))]);
        using var stop = new CancellationTokenSource();
        // The stop comes while a message is on the wire: the server takes it, and its mark must still commit.
        var stopping = new StopsWhileSending(Transport(), OutboxDispatcher.MessageId("s5"), stop);

        await Should.ThrowAsync<OperationCanceledException>(() => Dispatcher(store, stopping).DispatchAsync(stop.Token));

        var sent = store.Deliveries("sent").Select(d => Id(d.IdempotencyKey)).ToList();
        sent.ShouldContain(Id("s5"));
        ReceivedIds().ShouldBe(sent, ignoreOrder: true);
        store.Deliveries("pending").ShouldNotBeEmpty("a stop begins no new message");
        (await Dispatcher(Store()).DispatchAsync(CancellationToken.None)).ShouldBe(40 - sent.Count);
        ReceivedIds().Distinct().Count().ShouldBe(40);
        ReceivedIds().Length.ShouldBe(40, "nothing sent twice");
    }

    [Fact]
    public async Task Dispatch_WorkerKilledBetweenSendAndMark_RestartRepeatsOnlyThatMessageWithSameMessageId()
    {
        var store = Store();
        Enqueue(store, Message("m1"), Message("m2"), Message("m3"));
        var dying = new DiesAfterSending(Transport(), OutboxDispatcher.MessageId("m2"));

        await Should.ThrowAsync<WorkerKilled>(() => Dispatcher(store, dying).DispatchAsync(CancellationToken.None));
        ReceivedIds().ShouldBe([Id("m1"), Id("m2")]);
        store.Deliveries().Select(d => d.State).ShouldBe(["sent", "pending", "pending"]);

        // A new process: its own store connection and dispatcher over the same database file.
        var restarted = Store();
        (await Dispatcher(restarted).DispatchAsync(CancellationToken.None)).ShouldBe(2);

        ReceivedIds().ShouldBe([Id("m1"), Id("m2"), Id("m2"), Id("m3")]);
        var copies = _server.Received().Where(m => m.MessageId == Id("m2")).ToList();
        copies.Select(m => m.Subject).Distinct().ShouldHaveSingleItem().ShouldBe("【提醒】检查结果录入截止（m2）");
        restarted.Deliveries().ShouldAllBe(d => d.State == "sent");
    }

    [Theory]
    [InlineData("evil\r\nBcc: evil@attacker.example")]
    [InlineData("a@qinghe.example, evil@attacker.example")]
    public async Task Dispatch_AddressNotExactlyOneMailbox_DeadLetteredAtOnceOthersSent(string badAddress)
    {
        // Once claimed forever with 0 attempts while the messages behind it waited (issue 13, item 2).
        var store = Store();
        Enqueue(store, Message("before"), Message("bad", badAddress), Message("after", "other@qinghe.example"));

        (await Dispatcher(store).DispatchAsync(CancellationToken.None)).ShouldBe(2);

        ReceivedIds().ShouldBe([Id("before"), Id("after")], ignoreOrder: true);
        var dead = store.Deliveries("dead").ShouldHaveSingleItem();
        (dead.IdempotencyKey, dead.Attempts).ShouldBe(("bad", 1));
        dead.LastError.ShouldNotBeNull().ShouldContain("not exactly one e-mail address");
        _retries.Taken.ShouldBe([(dead.Id, true)], "dead at once: its job is created Failed");
    }

    [Fact]
    public async Task Dispatch_AttachmentFileMissing_ThatMessageRetriedOthersSent()
    {
        var store = Store();
        Enqueue(store, Message("lost", attachments: "2026/gone.html"), Message("ok", "other@qinghe.example"));

        var result = await Dispatcher(store).DispatchDueAsync(CancellationToken.None);

        (result.Sent, result.Failed, result.DeadLettered, result.ServerUnavailable).ShouldBe((1, 1, 0, false));
        ReceivedIds().ShouldBe([Id("ok")]);
        var lost = store.Deliveries().Single(d => d.IdempotencyKey == "lost");
        (lost.State, lost.Attempts).ShouldBe(("pending", 1));
        _retries.Taken.ShouldBe([(lost.Id, false)]);
    }

    [Fact]
    public async Task Dispatch_ARowWhosePackedBodyIsDamaged_DeadLetteredWithTheReason_OthersSent()
    {
        var store = Store();
        Enqueue(store, Message("damaged"), Message("ok", "other@qinghe.example"));
        db.Execute("UPDATE deliveries SET bodies = " + (db.Storage.Provider == Campaigns.Storage.StorageProviderKind.Sqlite ? "X'01FFFF'" : "'\\x01ffff'::bytea")
            + " WHERE idempotency_key = 'damaged'");

        var result = await Dispatcher(store).DispatchDueAsync(CancellationToken.None);

        (result.Sent, result.DeadLettered).ShouldBe((1, 1));
        ReceivedIds().ShouldBe([Id("ok")]);
        var dead = store.Deliveries("dead").ShouldHaveSingleItem();
        dead.IdempotencyKey.ShouldBe("damaged");
        dead.LastError.ShouldNotBeNull().ShouldContain("the stored message cannot be read");
    }

    [Fact]
    public async Task Dispatch_ManyRecipients_ParallelConnectionsEachRecipientInOrder()
    {
        var store = Store();
        // 12 recipients, 5 messages each, queued interleaved; claims of 16 rows, so order must hold across batches too.
        OutboxMessage[] messages = [.. Enumerable.Range(0, 60).Select(i => Message($"r{i % 12}-{i / 12}", $"r{i % 12}@qinghe.example"))];
        Enqueue(store, messages);
        var dispatcher = new OutboxDispatcher(
            Options.Create(new WorkerOptions { Root = _dir.Path, SmtpConnections = 3, DispatchBatchSize = 16, MaxDeliveryAttempts = MaxAttempts }),
            store, Transport(), _clock, NullLogger<OutboxDispatcher>.Instance);

        (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(60);

        var received = _server.Received();
        for (var r = 0; r < 12; r++)
        {
            received.Where(m => m.To.EndsWith($"<r{r}@qinghe.example>")).Select(m => m.MessageId)
                .ShouldBe([.. Enumerable.Range(0, 5).Select(n => Id($"r{r}-{n}"))]);
        }
        // The pass opens its connections once and keeps them across claims.
        _server.Peers().Distinct().Count().ShouldBeLessThanOrEqualTo(3);
        store.Deliveries().ShouldAllBe(d => d.State == "sent" && d.Attempts == 1);
    }

    [Fact]
    public async Task Dispatch_PassAfterPass_TheSameSenderThreads_WhichEndWithTheDispatcher()
    {
        var store = Store();
        var seen = new ThreadsSeen(Transport());
        using (var dispatcher = new OutboxDispatcher(
            Options.Create(new WorkerOptions { Root = _dir.Path, SmtpConnections = 2, MaxDeliveryAttempts = MaxAttempts }),
            store, seen, _clock, NullLogger<OutboxDispatcher>.Instance))
        {
            for (var pass = 0; pass < 5; pass++)
            {
                Enqueue(store, Message($"p{pass}a", "a@qinghe.example"), Message($"p{pass}b", "b@qinghe.example"));
                (await dispatcher.DispatchAsync(CancellationToken.None)).ShouldBe(2);
            }
        }

        // Five passes to two addresses over two connections: the same two threads, not two started for each pass.
        seen.Threads.Count.ShouldBeLessThanOrEqualTo(2);
        seen.Threads.ShouldAllBe(t => t.Join(TimeSpan.FromSeconds(10)));
        ReceivedIds().Length.ShouldBe(10);
        store.Deliveries().ShouldAllBe(d => d.State == "sent");
    }

    private sealed class WorkerKilled : Exception;

    /// <summary>Hands out job ids job-1, job-2, … and remembers what it was given.</summary>
    private sealed class RecordedRetries : IDeliveryRetries
    {
        public List<(long Id, bool Dead)> Taken { get; } = [];

        public string Take(long deliveryId, string error, bool dead)
        {
            lock (Taken)
            {
                Taken.Add((deliveryId, dead));
                return $"job-{Taken.Count}";
            }
        }
    }

    /// <summary>Signals a stop while one message is being sent, as a SIGTERM would arrive at any moment.</summary>
    private sealed class StopsWhileSending(IMailTransport inner, string messageId, CancellationTokenSource stop) : IMailTransport
    {
        public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
        {
            if (envelope.MessageId == messageId)
            {
                stop.Cancel();
            }
            inner.Send(envelope, cancellationToken);
        }

        public void EndPass(CancellationToken cancellationToken) => inner.EndPass(cancellationToken);
    }

    /// <summary>Sends, and remembers which threads sent.</summary>
    private sealed class ThreadsSeen(IMailTransport inner) : IMailTransport
    {
        private readonly HashSet<Thread> _threads = [];

        public IReadOnlyCollection<Thread> Threads
        {
            get
            {
                lock (_threads)
                {
                    return [.. _threads];
                }
            }
        }

        public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
        {
            lock (_threads)
            {
                _threads.Add(Thread.CurrentThread);
            }
            inner.Send(envelope, cancellationToken);
        }

        public void EndPass(CancellationToken cancellationToken) => inner.EndPass(cancellationToken);
    }

    /// <summary>Sends, and for one message then "dies" before the dispatcher can mark it sent.</summary>
    private sealed class DiesAfterSending(IMailTransport inner, string messageId) : IMailTransport
    {
        public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
        {
            inner.Send(envelope, cancellationToken);
            if (envelope.MessageId == messageId)
            {
                throw new WorkerKilled();
            }
        }
    }
}

public sealed class OutboxDispatcherSmtpOnSqliteTests() : OutboxDispatcherSmtpTests(TestStore.Sqlite());

public sealed class OutboxDispatcherSmtpOnPostgresTests() : OutboxDispatcherSmtpTests(TestStore.Postgres());
