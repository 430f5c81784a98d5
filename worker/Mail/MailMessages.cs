using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>Builds the <see cref="MailMessage"/> both transports send: UTF-8 everywhere, text plus HTML, a stable Message-ID.</summary>
internal static class MailMessages
{
    public const string Domain = "campaigns.local";

    /// <summary>An RFC 5322 date, such as "Tue, 14 Apr 2026 09:00:00 +0800".</summary>
    public static string Rfc5322(DateTimeOffset date) =>
        date.ToString("ddd, dd MMM yyyy HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture)
        + date.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture).Replace(":", "");

    public static MailMessage Build(MailEnvelope envelope, Contact from)
    {
        var message = new MailMessage
        {
            From = new MailAddress(from.Email!, from.Name, Encoding.UTF8),
            Subject = envelope.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = envelope.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
            BodyTransferEncoding = TransferEncoding.Base64,
        };
        foreach (var to in envelope.To)
        {
            message.To.Add(new MailAddress(to.Email!, to.Name, Encoding.UTF8));
        }
        message.Headers.Add("Message-ID", $"<{envelope.MessageId}@{Domain}>");
        if (envelope.HtmlBody is not null)
        {
            var html = AlternateView.CreateAlternateViewFromString(envelope.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            message.AlternateViews.Add(html);
        }
        foreach (var attachment in envelope.Attachments)
        {
            var part = new Attachment(new MemoryStream(attachment.Content), attachment.FileName, attachment.ContentType);
            part.NameEncoding = Encoding.UTF8;
            message.Attachments.Add(part);
        }
        return message;
    }
}
