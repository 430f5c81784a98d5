using System.Text.RegularExpressions;

namespace Campaigns.Documents;

/// <summary>
/// A template file's text, kept so that an error can name the line: Handlebars.Net reports a parse position but
/// neither an unclosed block's nor a missing field's line, so both are found here from the tags themselves.
/// </summary>
public sealed partial record TemplateSource(string Path, string Text)
{
    /// <summary>"templates/x.hbs:12: message", or without the line when it cannot be told.</summary>
    public string At(int? line, string message) => line is { } l ? $"{Path}:{l}: {message}" : $"{Path}: {message}";

    /// <summary>
    /// The line of the tag that prints the field at <paramref name="segments"/> (e.g. Pages, Inspectors, Department):
    /// each segment is looked for after the tag of the one before it, so a Department inside {{#each Inspectors}}
    /// is told apart from another Department earlier in the file. Falls back to the leaf's first use.
    /// </summary>
    public int? LineOfField(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return null;
        }
        var tags = Tags().ToList();
        var from = 0;
        Match? found = null;
        foreach (var segment in segments)
        {
            found = tags.Skip(from).FirstOrDefault(t => References(t, segment));
            if (found is null)
            {
                break;
            }
            from = tags.IndexOf(found) + 1;
        }
        found ??= tags.FirstOrDefault(t => References(t, segments[^1]));
        return found is null ? null : LineOf(found.Index);
    }

    /// <summary>The line of a block closed by the wrong name, or of the innermost block never closed.</summary>
    public int? LineOfUnbalancedBlock()
    {
        var open = new Stack<(string Name, int Index)>();
        foreach (var tag in Tags())
        {
            var kind = tag.Groups["kind"].Value;
            var name = tag.Groups["body"].Value.Split(' ', 2)[0].TrimStart('>', '*').Trim();
            if (kind is "#" or "^" && !string.IsNullOrEmpty(name))
            {
                open.Push((name, tag.Index));
            }
            else if (kind == "/")
            {
                if (open.Count == 0 || open.Peek().Name != name)
                {
                    return LineOf(tag.Index);
                }
                open.Pop();
            }
        }
        return open.Count > 0 ? LineOf(open.Peek().Index) : null;
    }

    public int LineOf(int index) => 1 + Text.AsSpan(0, Math.Min(index, Text.Length)).Count('\n');

    private IEnumerable<Match> Tags() => TagPattern().Matches(Text).Where(t => t.Groups["kind"].Value != "!");

    private static bool References(Match tag, string name) =>
        tag.Groups["kind"].Value != "/" &&
        tag.Groups["body"].Value.Split([' ', '\t', '\r', '\n', '(', ')', '='], StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(token => token.Replace("../", "").Replace("@root.", "").Split('.', '/'))
            .Contains(name, StringComparer.Ordinal);

    [GeneratedRegex(@"\{\{\{?~?\s*(?<kind>[#/^>!&]?)\s*(?<body>.*?)\s*~?\}?\}\}", RegexOptions.Singleline)]
    private static partial Regex TagPattern();
}
