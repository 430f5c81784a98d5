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
/// Sends what the outbox holds: claims due rows oldest first (<see cref="CampaignStore.ClaimNext"/>), sends, marks them sent. A message's own failure (a
/// refused recipient, a missing attachment) is retried with jittered exponential back-off (<see cref="RetryBackoff"/>)
/// and dead-lettered after the configured attempts. A server that is unavailable pauses the whole outbox instead,
/// charging no row. A crash between send and mark repeats at most that message, with the same Message-ID (derived
/// from the idempotency key) so it is recognisable.
/// </summary>
public sealed class OutboxDispatcher(
    IOptions<WorkerOptions> options, CampaignStore store, IMailTransport transport, TimeProvider time, ILogger<OutboxDispatcher> logger,
    CampaignMetrics? metrics = null)
{
    private readonly WorkerOptions _options = options.Value;

    // The tick job and the dispatch job both drain the outbox; one pass at a time, so no row is sent twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    // While the server is unavailable the whole outbox waits, with the same growing back-off a row would get.
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int _outages;

    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await DrainAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _pausedUntil)
        {
            return 0;
        }
        var sent = 0;
        // One claimed row at a time: on PostgreSQL other instances claim the rows after it meanwhile.
        while (store.ClaimNext(time.GetUtcNow()) is { } claim)
        {
            using (claim)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pending = claim.Delivery;
                var message = pending.Message;
                try
                {
                    await transport.SendAsync(Envelope(message), cancellationToken);
                    claim.Sent(time.GetUtcNow());
                    metrics?.DeliverySent();
                    _outages = 0;
                    sent++;
                }
                catch (MailServerUnavailableException e)
                {
                    // Not this message's fault: charge no attempt and leave every row where it is, so nothing is
                    // dead-lettered by an outage and the oldest row still goes first when the server is back.
                    _outages = Math.Min(_outages + 1, _options.MaxDeliveryAttempts);
                    _pausedUntil = time.GetUtcNow() + RetryBackoff.Delay(_options.RetryBaseDelay, _outages, message.IdempotencyKey);
                    claim.Unavailable(e.Message);
                    logger.LogWarning("Mail server unavailable ({Outages} in a row), deliveries paused until {Until:O}: {Error}",
                        _outages, _pausedUntil, e.Message);
                    return sent;
                }
                catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
                {
                    var attempts = pending.Attempts + 1;
                    var dead = attempts >= _options.MaxDeliveryAttempts;
                    var delay = RetryBackoff.Delay(_options.RetryBaseDelay, attempts, message.IdempotencyKey);
                    claim.Failed(e.Message, time.GetUtcNow() + delay, dead);
                    metrics?.DeliveryFailed(dead);
                    logger.LogWarning("Delivery {Key} to {Recipient} failed (attempt {Attempts}){Dead}: {Error}",
                        message.IdempotencyKey, message.RecipientEmail, attempts, dead ? ", dead-lettered" : "", e.Message);
                }
            }
        }
        return sent;
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
}
