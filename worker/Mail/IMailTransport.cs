namespace Campaigns.Mail;

/// <summary>Where mail goes: an SMTP server, or the pickup folder of the embedded default.</summary>
public interface IMailTransport
{
    Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken);
}
