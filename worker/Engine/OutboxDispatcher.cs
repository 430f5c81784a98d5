using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Plans;
using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Operations;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine;

/// <summary>
/// Sends what the outbox holds. A pass claims due rows in batches, oldest first (<see cref="CampaignStore.ClaimBatch"/>),
/// and sends them over <see cref="WorkerOptions.SmtpConnections"/> connections at once: all messages to one address go
/// through one sender, in order; across addresses no order is kept. A message's own failure (a refused recipient, an
/// address that is not one mailbox, a missing attachment) charges that row one attempt and hands it to
/// <see cref="IDeliveryRetries"/>: a Hangfire job retries it with Hangfire's back-off, or shows it as a Failed job once it
/// is dead (after <see cref="WorkerOptions.MaxDeliveryAttempts"/>, or at once when retrying cannot help); the other
/// messages go on. Without a retrier (simulate, bench) such a row is dead at once. A server that is unavailable stops the
/// pass and charges no row; the next sweep's pass tries again. Sent rows are marked in group commits
/// (<see cref="DeliveryBatch.Sent"/>), at most <see cref="MaxUnmarked"/> waiting, so a crash between send and mark repeats
/// at most those messages in flight, with the same Message-ID (derived from the idempotency
/// key) so they are recognisable. A stop (cancellation) claims and begins nothing more, but lets the messages in hand
/// finish and their marks commit, so a graceful stop repeats nothing.
/// </summary>
public sealed class OutboxDispatcher(
    IOptions<WorkerOptions> options, CampaignStore store, IMailTransport transport, TimeProvider time, ILogger<OutboxDispatcher> logger,
    CampaignMetrics? metrics = null, IDeliveryRetries? retries = null) : IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    private readonly AttachmentFiles _attachments = new();

    // Sent rows whose marks may wait for the next group commit, in a pass over any number of connections: enough that a
    // commit's cost (an fsync, the audit lock, three round trips on PostgreSQL) is shared by many rows, few enough that a
    // crash repeats only a handful, with the same Message-ID. The writer commits once half of them have queued. Counted per
    // connection (16) before, one connection committed every 8 sends and its sender waited on the commits.
    public const int MaxUnmarked = 64;

    // The passes and the per-message jobs all use the one set of connections; one at a time, so no row is sent twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    // A pass's senders (one per connection) and its mark writer, on threads kept from pass to pass (see SendBatchAsync): the
    // writer's with the first pass, the senders' with the first that has mail. Apart, so that senders waiting for marks
    // never hold the writer's thread.
    private DedicatedThreads? _senders;
    private DedicatedThreads? _writer;

    /// <summary>The sender and writer threads end (the host disposes the dispatcher as it stops).</summary>
    public void Dispose()
    {
        _senders?.Dispose();
        _writer?.Dispose();
    }

    /// <summary>Sends every due message; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken) => (await DispatchDueAsync(cancellationToken)).Sent;

    /// <summary>Sends every due message that no job owns.</summary>
    public Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken) => PassAsync(null, cancellationToken);

    /// <summary>
    /// Sends the row <paramref name="deliveryId"/> for the Hangfire job <paramref name="jobId"/> that owns it, if it is still
    /// pending: a failure charges it an attempt and leaves it with the job (whose retry, or Failed state, follows).
    /// </summary>
    public Task<DispatchResult> SendOwnedAsync(long deliveryId, string jobId, CancellationToken cancellationToken) =>
        PassAsync(new Owner(deliveryId, jobId), cancellationToken);

    private async Task<DispatchResult> PassAsync(Owner? owner, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var pass = new Pass(owner);
            try
            {
                // Failed rows go to their jobs and sent ones are no longer pending, so each claim takes new rows.
                while (!pass.Halted)
                {
                    // A stop claims nothing more; what was sent is marked below before the pass ends.
                    cancellationToken.ThrowIfCancellationRequested();
                    var writer = LazyInitializer.EnsureInitialized(ref _writer, () => new DedicatedThreads(1, "Outbox marks"));
                    using var batch = store.ClaimBatch(time.GetUtcNow(), owner is null ? _options.DispatchBatchSize : 1,
                        owner is null ? null : [owner.DeliveryId], MaxUnmarked, writer);
                    if (batch.Deliveries.Count == 0)
                    {
                        break;
                    }
                    await SendBatchAsync(batch, pass, cancellationToken);
                    if (owner is not null)
                    {
                        break;
                    }
                }
            }
            finally
            {
                transport.EndPass(CancellationToken.None);
            }
            return new DispatchResult(pass.Sent, [.. pass.Failures], pass.Unavailable);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task SendBatchAsync(DeliveryBatch batch, Pass pass, CancellationToken cancellationToken)
    {
        var recipients = new ConcurrentQueue<PendingDelivery[]>(batch.Deliveries
            .GroupBy(d => d.Message.RecipientEmail.Trim().ToUpperInvariant())
            .Select(g => g.ToArray()));
        var senders = Math.Min(_options.SmtpConnections, recipients.Count);
        var threads = LazyInitializer.EnsureInitialized(ref _senders, () => new DedicatedThreads(_options.SmtpConnections, "Outbox sender"));
        try
        {
            await SendersAsync();
        }
        finally
        {
            // Before the claim ends (and on PostgreSQL its locks with it): a sent row must never look pending to another instance.
            batch.Flush();
        }

        // Each sender on a thread of its own, blocking on its connection (see IMailTransport): a kept SMTP connection is a
        // strict write-and-wait exchange, and the pool's hops around each wait cost more than the exchange. The threads are
        // kept from pass to pass: started for each pass, they were much of a pass of a few messages (README, issue 17).
        Task SendersAsync() => Task.WhenAll(Enumerable.Range(0, senders).Select(_ => threads.RunAsync(() =>
        {
            try
            {
                while (!pass.Halted && recipients.TryDequeue(out var messages))
                {
                    foreach (var delivery in messages)
                    {
                        if (pass.Halted)
                        {
                            return;
                        }
                        cancellationToken.ThrowIfCancellationRequested();
                        Send(batch, delivery, pass);
                    }
                }
            }
            catch
            {
                // A crash (or cancellation): the other senders finish the message in hand and stop.
                pass.Halted = true;
                throw;
            }
        })));
    }

    private void Send(DeliveryBatch batch, PendingDelivery pending, Pass pass)
    {
        var message = pending.Message;
        try
        {
            if (pending.Unreadable is { } unreadable)
            {
                throw new MailMessageException(unreadable, permanent: true);
            }
            // Never cancelled once begun: a stop that cut a message the server had taken from its mark would send it
            // again on the next pass. A send lasts at most the transport's timeout; the stop is checked between messages.
            transport.Send(Envelope(message), CancellationToken.None);
            batch.Sent(pending);
            metrics?.DeliverySent();
            Interlocked.Increment(ref pass.Sent);
        }
        catch (MailServerUnavailableException e)
        {
            // Not this message's fault: charge no attempt and leave every row where it is, so nothing is
            // dead-lettered by an outage and the oldest row still goes first when the server is back.
            batch.Unavailable(pending, e.Message);
            lock (pass)
            {
                pass.Halted = true;
                if (pass.Unavailable)
                {
                    return;
                }
                pass.Unavailable = true;
            }
            logger.LogWarning("Mail server unavailable, deliveries wait for the next pass: {Error}", e.Message);
        }
        catch (Exception e) when (e is MailMessageException or IOException or UnauthorizedAccessException)
        {
            var attempts = pending.Attempts + 1;
            var dead = retries is null || attempts >= _options.MaxDeliveryAttempts || e is MailMessageException { Permanent: true };
            // A pass hands the row to a job of its own; a job's row stays with that job.
            var jobId = pass.Owner?.JobId ?? retries?.Take(pending.Id, e.Message, dead);
            batch.Failed(pending, e.Message, dead, jobId);
            metrics?.DeliveryFailed(dead);
            pass.Failures.Enqueue(new DeliveryFailure(pending.Id, e.Message, dead));
            logger.LogWarning("Delivery {Key} to {Recipient} failed (attempt {Attempts}){Dead}{Job}: {Error}",
                message.IdempotencyKey, message.RecipientEmail, attempts, dead ? ", dead-lettered" : "",
                jobId is null ? "" : $", job {jobId}", e.Message);
        }
    }

    /// <summary>A stable Message-ID local part: the same outbox row always gives the same id.</summary>
    public static string MessageId(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    private MailEnvelope Envelope(OutboxMessage message) => new(
        MessageId(message.IdempotencyKey),
        time.GetUtcNow(),
        [new Contact(message.RecipientName, message.RecipientEmail, null)],
        message.Subject,
        message.TextBody,
        message.HtmlBody,
        [.. message.Attachments.Select(path => new MailAttachment(
            Path.GetFileName(path),
            Path.GetExtension(path) switch
            {
                ".json" => "application/json",
                ".ics" => "text/calendar",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".csv" => "text/csv",
                _ => "text/html",
            },
            _attachments.Read(Path.Combine(_options.Resolve(_options.Documents), path))))]);

    /// <summary>The one row a per-message job sends, and that job.</summary>
    private sealed record Owner(long DeliveryId, string JobId);

    /// <summary>One pass's counts, shared by its concurrent senders.</summary>
    private sealed class Pass(Owner? owner)
    {
        public Owner? Owner { get; } = owner;
        public int Sent;
        public readonly ConcurrentQueue<DeliveryFailure> Failures = new();
        public volatile bool Halted;
        public bool Unavailable;
    }
}
