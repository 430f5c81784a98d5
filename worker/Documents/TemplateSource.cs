using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Campaigns.Documents;

/// <summary>One parsed template file and whether what it prints is HTML-escaped.</summary>
public sealed record TemplateSource(string Path, Template Template, bool Html)
{
    // Every name the template reads (model fields, loop variables, members), in source order.
    private readonly IReadOnlyList<ScriptVariable> _names = [.. Names(Template.Page).OrderBy(v => v.Span.Start.Offset)];

    /// <summary>"templates/x.sbn-html:12:5: message" (1-based line and column), or without them when there is no position.</summary>
    public static string At(SourceSpan span, string message) =>
        $"{span.FileName}:{span.Start.Line + 1}:{span.Start.Column + 1}: {message}";

    public string At(SourceSpan? span, string message) => span is { } s ? At(s, message) : $"{Path}: {message}";

    /// <summary>
    /// Where the template prints the field at <paramref name="segments"/> (e.g. Pages, Inspectors, Department): each
    /// segment is looked for after the one before it, so a Department inside <c>for inspector in page.Inspectors</c>
    /// is told apart from another Department earlier in the file. Falls back to the leaf's first use.
    /// </summary>
    public SourceSpan? FindField(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return null;
        }
        var from = 0;
        ScriptVariable? found = null;
        foreach (var segment in segments)
        {
            var index = IndexOf(segment, from);
            if (index < 0)
            {
                found = null;
                break;
            }
            found = _names[index];
            from = index + 1;
        }
        found ??= IndexOf(segments[^1], 0) is var first and >= 0 ? _names[first] : null;
        return found?.Span;
    }

    private int IndexOf(string name, int from)
    {
        for (var i = from; i < _names.Count; i++)
        {
            if (_names[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<ScriptVariable> Names(ScriptNode? node)
    {
        if (node is null)
        {
            yield break;
        }
        if (node is ScriptVariable variable)
        {
            yield return variable;
        }
        foreach (var child in node.Children)
        {
            foreach (var name in Names(child))
            {
                yield return name;
            }
        }
    }
}
