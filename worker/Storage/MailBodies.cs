using System.IO.Compression;
using System.Text;

namespace Campaigns.Storage;

/// <summary>
/// A message's text and HTML bodies as the outbox keeps them: one Deflate stream of both (the HTML repeats the text's
/// phrases, so together they pack smaller than apart). A province's deadline day queues some 11,000 reminders of about
/// 5.7 KB each; packed they are about a sixth of that, and writing the plain bodies was half of that day's tick (the
/// rows, their overflow pages, and the commit that flushed them).
/// </summary>
public static class MailBodies
{
    // The first byte names the format, so a later one can be told from this one.
    private const byte Format = 1;

    public static byte[] Pack(string text, string? html)
    {
        using var packed = new MemoryStream();
        packed.WriteByte(Format);
        using (var deflate = new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            writer.Write(text);
            writer.Write(html is not null);
            writer.Write(html ?? "");
        }
        return packed.ToArray();
    }

    public static (string Text, string? Html) Unpack(byte[] packed)
    {
        if (packed.Length == 0 || packed[0] != Format)
        {
            throw new InvalidDataException($"packed mail bodies of an unknown format ({(packed.Length == 0 ? "empty" : $"format {packed[0]}")})");
        }
        using var deflate = new DeflateStream(new MemoryStream(packed, 1, packed.Length - 1), CompressionMode.Decompress);
        using var reader = new BinaryReader(deflate, Encoding.UTF8);
        var text = reader.ReadString();
        var hasHtml = reader.ReadBoolean();
        var html = reader.ReadString();
        return (text, hasHtml ? html : null);
    }
}
