using MimeKit;

namespace Campaigns.Tests.Fixtures;

/// <summary>A message as the SMTP test server received it: the raw bytes and MimeKit's reading of them, as a mail client reads them.</summary>
public sealed record ReceivedMail(byte[] Raw, MimeMessage Message)
{
    public static ReceivedMail Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        return new(raw, MimeMessage.Load(stream));
    }

    /// <summary>The Message-ID header, angle brackets included.</summary>
    public string? MessageId => Message.Headers["Message-ID"];

    public string? Subject => Message.Subject;

    /// <summary>"Name &lt;address&gt;" of the one sender and the one recipient, decoded.</summary>
    public string From => Show(Message.From.Mailboxes.Single());

    public string To => Show(Message.To.Mailboxes.Single());

    /// <summary>The text/plain and text/html bodies, decoded (not attachments).</summary>
    public string? Text => Message.TextBody;

    public string? Html => Message.HtmlBody;

    public IReadOnlyList<Attachment> Attachments => [.. Message.Attachments.OfType<MimePart>().Select(part =>
    {
        using var body = new MemoryStream();
        part.Content!.DecodeTo(body);
        return new Attachment(part.FileName ?? "", part.ContentType.MimeType.ToLowerInvariant(), body.ToArray());
    })];

    private static string Show(MailboxAddress mailbox) => $"{mailbox.Name} <{mailbox.Address}>";

    public sealed record Attachment(string FileName, string MediaType, byte[] Body);
}
