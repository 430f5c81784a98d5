using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Campaigns.Core.Plans;

/// <summary>
/// A YAML parser that remembers where the last event it read ended. YamlDotNet's scanner can fail with a bare
/// <see cref="InvalidOperationException"/> (an unclosed flow mapping followed by more lines, seen in 18.1), which carries
/// no position; this one lets the plan parser still point the admin at the line where reading stopped.
/// </summary>
internal sealed class PositionedParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    /// <summary>The end of the last event read, or the start of the text before any.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (moved && inner.Current is { } current)
        {
            LastEnd = current.End;
        }
        return moved;
    }
}
