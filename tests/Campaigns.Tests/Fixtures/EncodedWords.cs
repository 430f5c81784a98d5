using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// Decodes RFC 2047 encoded-words (<c>=?utf-8?B?...?=</c>, <c>=?utf-8?Q?...?=</c>) in a header value, enough to
/// read what System.Net.Mail writes (MimeKit is not on the registry here). Whitespace between two adjacent
/// encoded-words is dropped, as the RFC says, and their bytes are joined before decoding, so a character split
/// across two words survives.
/// </summary>
public static partial class EncodedWords
{
    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")]
    private static partial Regex Word();

    [GeneratedRegex("=([0-9A-Fa-f]{2})")]
    private static partial Regex QHex();

    public static string Decode(string value)
    {
        var result = new StringBuilder();
        var pending = new List<byte>();
        Encoding? charset = null;
        var position = 0;
        foreach (Match word in Word().Matches(value))
        {
            var between = value[position..word.Index];
            var adjacent = charset is not null && string.IsNullOrWhiteSpace(between);
            var encoding = Encoding.GetEncoding(word.Groups[1].Value);
            if (!adjacent || !Equals(encoding, charset))
            {
                Flush();
                if (!adjacent)
                {
                    result.Append(between);
                }
            }
            charset = encoding;
            pending.AddRange(word.Groups[2].Value is "B" or "b" ? Convert.FromBase64String(word.Groups[3].Value) : Q(word.Groups[3].Value));
            position = word.Index + word.Length;
        }
        Flush();
        result.Append(value[position..]);
        return result.ToString();

        void Flush()
        {
            if (charset is not null)
            {
                result.Append(charset.GetString([.. pending]));
            }
            pending.Clear();
            charset = null;
        }
    }

    private static byte[] Q(string text) =>
        Encoding.Latin1.GetBytes(QHex().Replace(text.Replace('_', ' '), m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString()));
}
