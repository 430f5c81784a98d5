using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace Campaigns.Mail;

/// <summary>
/// An attachment already in its wire form: base64 in lines of 76 characters, each ended by CRLF (RFC 2045 §6.8), as
/// <see cref="MailMessages"/> encodes it once per file content. Written as it is: a <see cref="MimePart"/> runs its content
/// through MimeKit's line-ending filter on every write, which copied and scanned bytes that are CRLF already (about 3 % of a
/// generated 200-campaign province year's processor time, most of it the 一企一表 each inspector's notice carries).
/// </summary>
internal sealed class EncodedAttachment : MimeEntity
{
    private readonly byte[] _lines;

    public EncodedAttachment(ContentType type, string fileName, byte[] base64Lines) : base(type)
    {
        _lines = base64Lines;
        Headers[HeaderId.ContentTransferEncoding] = "base64";
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = fileName };
        ContentType.Name = fileName;
        // RFC 2231 names (MimeKit's default) show as "ATT00001" in Outlook and some Chinese webmail; RFC 2047 words read everywhere.
        foreach (var parameter in ContentType.Parameters.Concat(ContentDisposition.Parameters))
        {
            parameter.EncodingMethod = ParameterEncodingMethod.Rfc2047;
        }
    }

    /// <summary>Base64 is 7-bit in lines of 76: nothing to prepare for any constraint.</summary>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.NewLineFormat == NewLineFormat.Dos)
        {
            stream.Write(_lines);
            return;
        }
        // Written with bare line feeds (a caller's Unix options): as a MimePart would, through MimeKit's own filter.
        using var filtered = new FilteredStream(stream);
        filtered.Add(new Dos2UnixFilter());
        filtered.Write(_lines, 0, _lines.Length, cancellationToken);
        filtered.Flush(cancellationToken);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        if (options.NewLineFormat == NewLineFormat.Dos)
        {
            await stream.WriteAsync(_lines, cancellationToken);
            return;
        }
        using var filtered = new FilteredStream(stream);
        filtered.Add(new Dos2UnixFilter());
        await filtered.WriteAsync(_lines, cancellationToken);
        await filtered.FlushAsync(cancellationToken);
    }
}
