using System.Net;
using System.Net.Mail;
using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>Sends through an SMTP server with System.Net.Mail (MailKit is not on the package registry here).</summary>
public sealed class SmtpTransport(SmtpSettings settings, Contact from) : IMailTransport
{
    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        using var message = MailMessages.Build(envelope, from);
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.UseSsl };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }
        await client.SendMailAsync(message, cancellationToken);
    }
}
