namespace Campaigns.Tests.Fixtures;

/// <summary>A message as the SMTP test server received it: the raw bytes and their MIME reading.</summary>
public sealed record ReceivedMail(byte[] Raw, MimePart Message)
{
    public static ReceivedMail Parse(byte[] raw) => new(raw, MimePart.Parse(raw));

    /// <summary>The Message-ID header, angle brackets included.</summary>
    public string? MessageId => Message.Header("Message-ID");

    public string? Subject => Message.Decoded("Subject");

    /// <summary>The first text/plain and text/html leaves, decoded (the bodies, not attachments).</summary>
    public string? Text => Message.Leaves().FirstOrDefault(p => p.MediaType == "text/plain" && !p.IsAttachment)?.Text;

    public string? Html => Message.Leaves().FirstOrDefault(p => p.MediaType == "text/html" && !p.IsAttachment)?.Text;

    public IReadOnlyList<MimePart> Attachments => [.. Message.Leaves().Where(p => p.IsAttachment)];
}
