using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A minimal MIME reader for the mail the tests receive: headers (unfolded), multipart bodies split on their
/// boundary, base64 and quoted-printable undone. Bytes are carried as Latin-1 text while splitting, so nothing
/// is lost before the transfer encoding is undone.
/// </summary>
public sealed class MimePart
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private MimePart(IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body, IReadOnlyList<MimePart> parts)
    {
        _headers = headers;
        Body = body;
        Parts = parts;
    }

    /// <summary>The body with its transfer encoding undone (empty for a multipart).</summary>
    public byte[] Body { get; }

    public IReadOnlyList<MimePart> Parts { get; }

    /// <summary>The media type in lower case, "text/plain" when the part says none.</summary>
    public string MediaType => (Header("Content-Type")?.Split(';')[0].Trim() ?? "text/plain").ToLowerInvariant();

    public bool IsAttachment => Header("Content-Disposition")?.StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The file name of an attachment, from Content-Disposition or else Content-Type, decoded.</summary>
    public string? FileName => Parameter("Content-Disposition", "filename") ?? Parameter("Content-Type", "name");

    public string Text => Encoding.GetEncoding(Parameter("Content-Type", "charset") ?? "us-ascii").GetString(Body);

    /// <summary>The first header of that name, unfolded, as it came (encoded-words left encoded).</summary>
    public string? Header(string name) =>
        _headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? Decoded(string name) => Header(name) is { } value ? EncodedWords.Decode(value) : null;

    /// <summary>A parameter of a structured header (<c>boundary</c>, <c>charset</c>, <c>name</c>), unquoted and decoded.</summary>
    public string? Parameter(string header, string parameter)
    {
        var match = Regex.Match(Header(header) ?? "", $@";\s*{Regex.Escape(parameter)}\s*=\s*(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? EncodedWords.Decode(match.Groups["v"].Value) : null;
    }

    /// <summary>This part and its descendants that are not multiparts, depth first.</summary>
    public IEnumerable<MimePart> Leaves() => Parts.Count == 0 ? [this] : Parts.SelectMany(p => p.Leaves());

    public static MimePart Parse(byte[] raw) => Parse(Encoding.Latin1.GetString(raw));

    private static MimePart Parse(string entity)
    {
        var split = entity.StartsWith("\r\n", StringComparison.Ordinal) ? 0 : entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? entity : entity[..split];
        var body = split < 0 ? "" : entity[(split + (split == 0 ? 2 : 4))..];
        var headers = Unfold(headerText)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .Select(pair => KeyValuePair.Create(pair[0].Trim(), pair[1].Trim()))
            .ToList();
        var part = new MimePart(headers, [], []);
        if (part.MediaType.StartsWith("multipart/", StringComparison.Ordinal) && part.Parameter("Content-Type", "boundary") is { } boundary)
        {
            return new MimePart(headers, [], [.. Children(body, boundary).Select(Parse)]);
        }
        var encoding = part.Header("Content-Transfer-Encoding")?.ToLowerInvariant();
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(Regex.Replace(body, @"\s", "")),
            "quoted-printable" => QuotedPrintable(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        return new MimePart(headers, bytes, []);
    }

    private static IEnumerable<string> Unfold(string headers)
    {
        var current = new StringBuilder();
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                current.Append(' ').Append(line.TrimStart());
                continue;
            }
            if (current.Length > 0)
            {
                yield return current.ToString();
            }
            current.Clear().Append(line);
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>The body parts between "--boundary" lines, up to "--boundary--"; the CRLF before a delimiter is the delimiter's.</summary>
    private static IEnumerable<string> Children(string body, string boundary)
    {
        var pieces = ("\r\n" + body).Split("\r\n--" + boundary);
        foreach (var piece in pieces.Skip(1))
        {
            if (piece.StartsWith("--", StringComparison.Ordinal))
            {
                yield break;
            }
            var lineEnd = piece.IndexOf("\r\n", StringComparison.Ordinal);
            yield return lineEnd < 0 ? "" : piece[(lineEnd + 2)..];
        }
    }

    private static byte[] QuotedPrintable(string body)
    {
        var text = body.Replace("=\r\n", "");
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }
        return [.. bytes];
    }
}
