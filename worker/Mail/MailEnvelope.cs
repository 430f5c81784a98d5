using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>
/// A message ready to send. <see cref="MessageId"/> is the local part of the Message-ID header; <see cref="Date"/>
/// comes from the injected clock, so simulated mail carries simulated dates.
/// </summary>
public sealed record MailEnvelope(
    string MessageId,
    DateTimeOffset Date,
    IReadOnlyList<Contact> To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<MailAttachment> Attachments);
