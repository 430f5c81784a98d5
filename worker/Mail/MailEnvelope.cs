using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>A message ready to send. <see cref="MessageId"/> is the local part of the Message-ID header.</summary>
public sealed record MailEnvelope(
    string MessageId,
    IReadOnlyList<Contact> To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<MailAttachment> Attachments);
