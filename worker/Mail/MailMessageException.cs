namespace Campaigns.Mail;

/// <summary>
/// This message cannot go (a refused recipient, an address that is not one mailbox, a missing attachment): the
/// dispatcher charges the attempt to this message alone and goes on with the others. <see cref="Permanent"/> failures
/// are dead-lettered at once, since sending again would fail the same way.
/// </summary>
public sealed class MailMessageException(string message, Exception? innerException = null, bool permanent = false)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
