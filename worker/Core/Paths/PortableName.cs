using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Core.Paths;

/// <summary>
/// One path segment made from plan or directory data (an office's name, a campaign or department id, a USCC) that
/// Windows shares accept as well as Linux: offices copy the documents folder to such shares. A name already portable is
/// returned unchanged, so existing folders keep their names; any other gets its forbidden characters replaced by their
/// full-width forms (which read the same in a Chinese folder listing) and a short hash of the original, so two names that
/// differ only in what was replaced never share a folder. The display name stays in the documents themselves.
/// </summary>
public static class PortableName
{
    /// <summary>Windows reserves these device names with or without an extension, in any case.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>Windows refuses a segment longer than 255 UTF-16 units; the hash suffix needs its share of that.</summary>
    private const int MaxLength = 200;

    public static string Segment(string name)
    {
        if (IsPortable(name))
        {
            return name;
        }
        var replaced = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            replaced.Append(c switch
            {
                // The full-width forms: U+FF02 and so on, one code point each, allowed on every file system.
                '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*' => (char)(c - 0x21 + 0xFF01),
                _ when char.IsControl(c) => '_',
                _ => c,
            });
        }
        var text = replaced.ToString().TrimEnd('.', ' ');
        if (Reserved.Contains(Stem(text)))
        {
            // "nul.txt" names the device whatever follows: the stem itself must change.
            var stem = Stem(text).Length;
            text = $"{text[..stem]}_{text[stem..]}";
        }
        if (text.Length > MaxLength - 9)
        {
            text = text[..(MaxLength - 9)].TrimEnd('.', ' ');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{(text.Length == 0 ? "_" : text)}~{hash}";
    }

    /// <summary>No character Windows forbids, no control character, no trailing dot or space, not a device name, not too long.</summary>
    public static bool IsPortable(string name) =>
        name.Length is > 0 and <= MaxLength
        && name is not ("." or "..")
        && !name.EndsWith('.') && !name.EndsWith(' ')
        && !name.Any(c => c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*' || char.IsControl(c))
        && !Reserved.Contains(Stem(name));

    /// <summary>"CON.txt" and "con .txt" name the device as well: the part before the first dot, without trailing spaces.</summary>
    private static string Stem(string name) => (name.IndexOf('.') is var dot and >= 0 ? name[..dot] : name).TrimEnd(' ');
}
