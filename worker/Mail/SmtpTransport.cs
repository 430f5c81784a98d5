using System.Net;
using System.Net.Mail;
using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail (MailKit is not on the package registry here), so only
/// plain SMTP and STARTTLS: implicit TLS (port 465) is refused by the settings validator before we get here.
/// Failures that belong to the server rather than the message become <see cref="MailServerUnavailableException"/>.
/// SmtpClient stamps the Date header itself from the machine clock at the moment of sending (it overwrites any
/// Date we set); for mail that really leaves, that is the origination time RFC 5322 asks for. Only the pickup
/// folder, where simulated mail goes, carries the injected clock's date.
/// </summary>
public sealed class SmtpTransport(SmtpSettings settings, Contact from, TimeProvider time) : IMailTransport
{
    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        if (settings.Security == SmtpSecurity.ImplicitTls)
        {
            throw new NotSupportedException("System.Net.Mail cannot send with implicit TLS (SMTPS, port 465); use StartTls.");
        }
        using var message = MailMessages.Build(envelope, from);
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.Security == SmtpSecurity.StartTls };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }
        // SmtpClient.Timeout governs only the synchronous Send; the async path is bounded by cancellation.
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.SendMailAsync(message, linked.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailServerUnavailableException($"SMTP server {settings.Host}:{settings.Port} did not answer within {settings.Timeout}.", e);
        }
        catch (SmtpException e) when (IsServerFailure(e))
        {
            throw new MailServerUnavailableException($"SMTP server {settings.Host}:{settings.Port} unavailable: {Describe(e)}", e);
        }
    }

    /// <summary>
    /// Only a refused recipient or a refused message is the message's own failure; anything else (no connection,
    /// a dropped one, 421, TLS or authentication refused) would fail every message alike.
    /// </summary>
    private static bool IsServerFailure(SmtpException e) => e is not SmtpFailedRecipientException && e.StatusCode is not (
        SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.ExceededStorageAllocation
        or SmtpStatusCode.TransactionFailed or SmtpStatusCode.UserNotLocalTryAlternatePath or SmtpStatusCode.UserNotLocalWillForward);

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
}
