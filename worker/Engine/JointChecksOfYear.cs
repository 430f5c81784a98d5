using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Campaigns.Engine;

/// <summary>
/// How many joint campaigns drew each entity in one year, for one tick across all its plans: read from the store on first
/// use (only a draw reads it, so a tick that draws nothing never queries), then kept current with the draws the tick
/// applies, so a later plan sees an earlier plan's draws without reading the store again.
/// </summary>
public sealed class JointChecksOfYear(Func<IReadOnlyDictionary<string, int>> load, Func<int> loadDraws) : IReadOnlyDictionary<string, int>
{
    private Dictionary<string, int>? _counts;
    private int? _draws;

    /// <summary>How many draws of the year the store holds, with those applied since: the next draw's year sequence is one more.</summary>
    public int Draws => _draws ??= loadDraws();

    private Dictionary<string, int> Counts => _counts ??= new Dictionary<string, int>(load(), StringComparer.Ordinal);

    /// <summary>Counts draws just applied; before the first read there is nothing to update (the store has them).</summary>
    public void Drawn(IReadOnlyList<Core.Draws.Draw> draws)
    {
        if (_draws is not null)
        {
            _draws += draws.Count;
        }
        if (_counts is null)
        {
            return;
        }
        foreach (var uscc in draws.SelectMany(d => d.Entities).Select(e => e.Uscc))
        {
            _counts[uscc] = _counts.GetValueOrDefault(uscc) + 1;
        }
    }

    public int this[string key] => Counts[key];

    public IEnumerable<string> Keys => Counts.Keys;

    public IEnumerable<int> Values => Counts.Values;

    public int Count => Counts.Count;

    public bool ContainsKey(string key) => Counts.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out int value) => Counts.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => Counts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
