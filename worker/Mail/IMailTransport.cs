namespace Campaigns.Mail;

/// <summary>
/// Where mail goes: an SMTP server, or the pickup folder of the embedded default. <see cref="SendAsync"/> may be called
/// from several threads at once (one per connection the dispatcher runs); it throws <see cref="MailMessageException"/>
/// for a failure of that message alone and <see cref="MailServerUnavailableException"/> when no message could go.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>The dispatch pass is over: close what <see cref="SendAsync"/> kept open for the next message (QUIT).</summary>
    Task EndPassAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
