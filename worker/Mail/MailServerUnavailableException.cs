namespace Campaigns.Mail;

/// <summary>
/// The mail server could not take any message just now (unreachable, timed out, 421, TLS or login refused).
/// Says nothing about the message: the dispatcher pauses instead of counting an attempt against it.
/// </summary>
public sealed class MailServerUnavailableException(string message, Exception innerException) : Exception(message, innerException);
