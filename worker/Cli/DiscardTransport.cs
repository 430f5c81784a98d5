using Campaigns.Mail;

namespace Campaigns.Cli;

/// <summary>
/// A transport that sends nothing, for the mail benchmark: the dispatcher over it costs only the outbox's own
/// work (claim, mark), which separates the store's share of a send from the SMTP conversation's.
/// </summary>
public sealed class DiscardTransport : IMailTransport
{
    public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
    {
    }
}
