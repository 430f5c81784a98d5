using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Campaigns.Engine;

/// <summary>A read-only dictionary made on first use: most ticks of most plans never look, and making it reads the store.</summary>
internal sealed class LazyDictionary<TKey, TValue>(Func<IReadOnlyDictionary<TKey, TValue>> make) : IReadOnlyDictionary<TKey, TValue>
{
    private readonly Lazy<IReadOnlyDictionary<TKey, TValue>> _made = new(make, LazyThreadSafetyMode.None);

    private IReadOnlyDictionary<TKey, TValue> Made => _made.Value;

    public TValue this[TKey key] => Made[key];

    public IEnumerable<TKey> Keys => Made.Keys;

    public IEnumerable<TValue> Values => Made.Values;

    public int Count => Made.Count;

    public bool ContainsKey(TKey key) => Made.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => Made.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Made.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
