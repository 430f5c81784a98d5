using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Campaigns.Core.Plans;
using MimeKit;
using MimeKit.Cryptography;

namespace Campaigns.Mail;

/// <summary>
/// Builds the <see cref="MimeMessage"/> both transports send: UTF-8 everywhere, text plus HTML, a stable Message-ID, the
/// Date from the envelope (the injected clock), bodies in 7-bit transfer encodings so nothing on the way re-encodes
/// them, and a DKIM signature over that final form when a signer is configured.
/// </summary>
public static class MailMessages
{
    public const string Domain = "campaigns.local";

    // An attachment's base64 lines, for as long as its content array lives.
    private static readonly ConditionalWeakTable<byte[], byte[]> Encoded = [];

    // Headers a DKIM signature covers: those a reader sees, plus what ties the message to this one send.
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.MimeVersion, HeaderId.ContentType];

    /// <summary>
    /// The message, or <see cref="MailMessageException"/> when this envelope cannot become one (an address that is not
    /// exactly one mailbox): the message's own failure, never the server's.
    /// </summary>
    public static MimeMessage Build(MailEnvelope envelope, Contact from, DkimSigner? signer = null)
    {
        try
        {
            return Create(envelope, from, signer);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or ParseException)
        {
            throw new MailMessageException($"The message cannot be built: {e.Message}", e, permanent: true);
        }
    }

    private static MimeMessage Create(MailEnvelope envelope, Contact from, DkimSigner? signer)
    {
        // Not the parameterless constructor: it stamps a Date from the machine clock and generates a Message-ID, both
        // replaced at once, and made up a quarter of building a reminder (measured by bench-mail's mime line).
        var message = new MimeMessage((IEnumerable<Header>)[]) { Subject = envelope.Subject, Date = envelope.Date, MessageId = $"{envelope.MessageId}@{Domain}" };
        message.From.Add(Mailbox(from));
        foreach (var to in envelope.To)
        {
            message.To.Add(Mailbox(to));
        }
        var body = new BodyBuilder { TextBody = envelope.TextBody, HtmlBody = envelope.HtmlBody };
        foreach (var attachment in envelope.Attachments)
        {
            body.Attachments.Add(Attachment(attachment));
        }
        message.Body = body.ToMessageBody();
        foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment))
        {
            // Chinese text is base64 whatever Prepare would conclude after scanning it; saying so spares that scan. Plain
            // ASCII is left to Prepare (7bit, readable in the raw message).
            if (!System.Text.Ascii.IsValid((part.IsHtml ? envelope.HtmlBody : envelope.TextBody) ?? ""))
            {
                part.ContentTransferEncoding = ContentEncoding.Base64;
            }
        }
        message.Prepare(EncodingConstraint.SevenBit);
        if (signer is not null)
        {
            // One signer serves every sender; signing is quick next to the send, so they take turns.
            lock (signer)
            {
                signer.Sign(message, SignedHeaders);
            }
        }
        return message;
    }

    /// <summary>
    /// The part MimeKit's <c>Attachments.Add(name, bytes, type)</c> makes, but always in base64 and over the bytes as they
    /// are: Add copies the content and, for a text type, scans all of it to choose an encoding, which was more than half of
    /// building the messages of a generated 200-campaign year (most of it the 一企一表 inspectors' notices carry). Base64 is
    /// what that scan chose for every attachment of that year. Encoded here by .NET's vectorised base64, once per array: the
    /// outbox hands the same array to every message attaching the same file (AttachmentFiles).
    /// </summary>
    private static EncodedAttachment Attachment(MailAttachment attachment) =>
        new(ContentType.Parse(attachment.ContentType), attachment.FileName, Encoded.GetValue(attachment.Content, Base64Lines));

    /// <summary>Base64 in lines of 76 characters, each ended by CRLF (RFC 2045 §6.8), written straight into one array.</summary>
    private static byte[] Base64Lines(byte[] content)
    {
        const int perLine = 57;
        var lines = (content.Length + perLine - 1) / perLine;
        var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(content.Length) + 2 * lines];
        var at = 0;
        for (var start = 0; start < content.Length; start += perLine)
        {
            Base64.EncodeToUtf8(content.AsSpan(start, Math.Min(perLine, content.Length - start)), encoded.AsSpan(at), out _, out var written);
            at += written;
            encoded[at++] = (byte)'\r';
            encoded[at++] = (byte)'\n';
        }
        return encoded;
    }

    private static MailboxAddress Mailbox(Contact contact)
    {
        var email = contact.Email ?? throw new MailMessageException($"{contact.Name} has no e-mail address.", permanent: true);
        var mailbox = EmailAddress.Parse(email)
            ?? throw new MailMessageException($"'{Escape(email)}' is not exactly one e-mail address.", permanent: true);
        mailbox.Name = contact.Name;
        return mailbox;
    }

    private static string Escape(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
