namespace Campaigns.Mail;

/// <summary>
/// Where mail goes: an SMTP server, or the pickup folder of the embedded default. <see cref="Send"/> blocks: the dispatcher
/// calls it from threads of its own, one per connection, and may do so from several at once. It throws
/// <see cref="MailMessageException"/> for a failure of that message alone and <see cref="MailServerUnavailableException"/>
/// when no message could go.
/// </summary>
/// <remarks>
/// Blocking rather than async because a kept SMTP connection is a strict exchange (write, wait for the reply, write): each
/// await of a reply handed the sender to the thread pool and back, and on a two-core machine, beside the store's commits,
/// that hop cost more than the exchange itself (ops/bench-mail, one connection: about 1,100-1,400 messages/s async, see
/// README for the blocking figures).
/// </remarks>
public interface IMailTransport
{
    void Send(MailEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>The dispatch pass is over: close what <see cref="Send"/> kept open for the next message (QUIT).</summary>
    void EndPass(CancellationToken cancellationToken)
    {
    }
}
