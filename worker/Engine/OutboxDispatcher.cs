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
/// through one sender, in order; across addresses no order is kept. A message's
/// own failure (a refused recipient, an address that is not one mailbox, a missing attachment) is retried with jittered
/// exponential back-off (<see cref="RetryBackoff"/>) and dead-lettered after the configured attempts, or at once when
/// retrying cannot help; the other messages go on. A server that is unavailable stops the pass and pauses the whole
/// outbox instead, charging no row. Sent rows are marked in group commits (<see cref="DeliveryBatch.SentAsync"/>), at
/// most <see cref="UnmarkedPerConnection"/> per connection waiting, so a crash between send and mark repeats at most
/// those messages in flight, with the same Message-ID (derived from the idempotency key) so they are recognisable.
/// </summary>
public sealed class OutboxDispatcher(
    IOptions<WorkerOptions> options, CampaignStore store, IMailTransport transport, TimeProvider time, ILogger<OutboxDispatcher> logger,
    CampaignMetrics? metrics = null)
{
    private readonly WorkerOptions _options = options.Value;

    // Sent rows whose marks may wait for the next group commit, per connection: enough that a commit's cost (an fsync, the
    // audit lock) is shared by many rows, few enough that a crash repeats only a handful, with the same Message-ID.
    private const int UnmarkedPerConnection = 8;

    // The tick job and the dispatch job both drain the outbox; one pass at a time, so no row is sent twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    // While the server is unavailable the whole outbox waits, with the same growing back-off a row would get.
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _outages;

    /// <summary>Sends every due message; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken) => (await DispatchDueAsync(cancellationToken)).Sent;

    /// <summary>Sends every due message.</summary>
    public Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken) => PassAsync(null, cancellationToken);

    /// <summary>Sends those of the rows <paramref name="ids"/> that are still pending and due (a job that owns some rows).</summary>
    public Task<DispatchResult> DispatchAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => PassAsync(ids, cancellationToken);

    private async Task<DispatchResult> PassAsync(IReadOnlyCollection<long>? ids, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() < _pausedUntil)
            {
                return new DispatchResult(0, 0, 0, _pausedUntil);
            }
            var pass = new Pass();
            try
            {
                // Failed rows wait for their back-off and sent ones are no longer pending, so each claim takes new rows.
                while (!pass.Halted)
                {
                    // A stop claims nothing more; what was sent is marked below before the pass ends.
                    cancellationToken.ThrowIfCancellationRequested();
                    using var batch = store.ClaimBatch(time.GetUtcNow(), _options.DispatchBatchSize, ids, UnmarkedPerConnection * _options.SmtpConnections);
                    if (batch.Deliveries.Count == 0)
                    {
                        break;
                    }
                    await SendBatchAsync(batch, pass, cancellationToken);
                }
            }
            finally
            {
                await transport.EndPassAsync(CancellationToken.None);
            }
            return new DispatchResult(pass.Sent, pass.Failed, pass.Dead, pass.Unavailable ? _pausedUntil : null);
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
        try
        {
            await SendersAsync();
        }
        finally
        {
            // Before the claim ends (and on PostgreSQL its locks with it): a sent row must never look pending to another instance.
            await batch.FlushAsync();
        }

        Task SendersAsync() => Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
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
                        await SendAsync(batch, delivery, pass, cancellationToken);
                    }
                }
            }
            catch
            {
                // A crash (or cancellation): the other senders finish the message in hand and stop.
                pass.Halted = true;
                throw;
            }
        }, CancellationToken.None)));
    }

    private async Task SendAsync(DeliveryBatch batch, PendingDelivery pending, Pass pass, CancellationToken cancellationToken)
    {
        var message = pending.Message;
        try
        {
            // Never cancelled once begun: a stop that cut a message the server had taken from its mark would send it
            // again on the next pass. A send lasts at most the transport's timeout; the stop is checked between messages.
            await transport.SendAsync(Envelope(message), CancellationToken.None);
            await batch.SentAsync(pending);
            metrics?.DeliverySent();
            Interlocked.Exchange(ref _outages, 0);
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
                _outages = Math.Min(_outages + 1, _options.MaxDeliveryAttempts);
                _pausedUntil = time.GetUtcNow() + RetryBackoff.Delay(_options.RetryBaseDelay, _outages, message.IdempotencyKey);
            }
            logger.LogWarning("Mail server unavailable ({Outages} in a row), deliveries paused until {Until:O}: {Error}",
                _outages, _pausedUntil, e.Message);
        }
        catch (Exception e) when (e is MailMessageException or IOException or UnauthorizedAccessException)
        {
            var attempts = pending.Attempts + 1;
            var dead = attempts >= _options.MaxDeliveryAttempts || e is MailMessageException { Permanent: true };
            var delay = RetryBackoff.Delay(_options.RetryBaseDelay, attempts, message.IdempotencyKey);
            batch.Failed(pending, e.Message, time.GetUtcNow() + delay, dead);
            metrics?.DeliveryFailed(dead);
            Interlocked.Increment(ref pass.Failed);
            if (dead)
            {
                Interlocked.Increment(ref pass.Dead);
            }
            logger.LogWarning("Delivery {Key} to {Recipient} failed (attempt {Attempts}){Dead}: {Error}",
                message.IdempotencyKey, message.RecipientEmail, attempts, dead ? ", dead-lettered" : "", e.Message);
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
            File.ReadAllBytes(Path.Combine(_options.Resolve(_options.Documents), path))))]);

    /// <summary>One pass's counts, shared by its concurrent senders.</summary>
    private sealed class Pass
    {
        public int Sent;
        public int Failed;
        public int Dead;
        public volatile bool Halted;
        public bool Unavailable;
    }
}
