using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;

namespace Campaigns.Engine;

/// <summary>
/// How many joint campaigns drew each entity in one year, across all plans: read from the store on first use (only a draw
/// reads it, so a tick that draws nothing never queries), then kept current with the draws the ticks make, so a later
/// plan sees an earlier plan's draws without reading the store again. Kept from tick to tick while the store's year
/// holds the draws it knows of (<see cref="Revalidate"/>): a province's year counts some hundred thousand entities, and
/// reading them again on every tick that tries a draw (a refused draw is tried daily) was most of that tick's engine time.
/// </summary>
public sealed class JointChecksOfYear(
    Func<IReadOnlyDictionary<string, int>> load, Func<(int Draws, int Entities)> drawnInStore) : IReadOnlyDictionary<string, int>
{
    private Dictionary<string, int>? _counts;
    private Dictionary<(string Industry, string Region), List<string>>? _byScope;
    private DirectorySnapshot? _indexedFrom;
    // The store's draws and drawn entities of the year when something was first read, plus those drawn here since.
    private (int Draws, int Entities)? _known;

    /// <summary>
    /// Before a tick: forgets what was read unless the store's year holds exactly the draws known here (another instance
    /// drew, or a tick's apply was rolled back: read again).
    /// </summary>
    public void Revalidate()
    {
        if (_known is { } known && drawnInStore() != known)
        {
            Forget();
        }
    }

    /// <summary>
    /// Reads everything again on next use: a draw counted here did not reach the store (its plan failed, or another instance
    /// applied that plan's tick with its own draw, which may hold as many entities, so the store's figures cannot tell).
    /// </summary>
    public void Forget() => (_counts, _byScope, _indexedFrom, _known) = (null, null, null, null);

    /// <summary>How many draws of the year the store holds, with those made since: the next draw's year sequence is one more.</summary>
    public int Draws => Known.Draws;

    private Dictionary<string, int> Counts
    {
        get
        {
            if (_counts is null)
            {
                // The store's figures are taken before the counts: a draw elsewhere in between then shows as a change next tick.
                _ = Known;
                _counts = new Dictionary<string, int>(load(), StringComparer.Ordinal);
            }
            return _counts;
        }
    }

    private (int Draws, int Entities) Known => _known ??= drawnInStore();

    /// <summary>Counts draws just made; before the first read there is nothing to update (the store has them).</summary>
    public void Drawn(IReadOnlyList<Core.Draws.Draw> draws)
    {
        if (_known is { } before)
        {
            _known = (before.Draws + draws.Count, before.Entities + draws.Sum(d => d.Entities.Count));
        }
        if (_counts is null)
        {
            return;
        }
        foreach (var uscc in draws.SelectMany(d => d.Entities).Select(e => e.Uscc))
        {
            var known = _counts.TryGetValue(uscc, out var count);
            _counts[uscc] = count + 1;
            if (!known && _byScope is not null && _indexedFrom is not null)
            {
                Index(_indexedFrom, uscc);
            }
        }
    }

    /// <summary>
    /// The counts a draw of <paramref name="plan"/> can read: only entities in the scope (industry and region) of one of its
    /// campaigns, which is all a draw looks at. A province's year counts some hundred thousand entities, and each of 2,000
    /// draws scanned them all; a county plan's scopes hold a few hundred. Without a directory nothing draws: the whole year.
    /// </summary>
    public IReadOnlyDictionary<string, int> For(AnnualPlan plan, DirectorySnapshot? directory) =>
        directory is null ? this : new LazyDictionary<string, int>(() => View(plan, directory));

    private Dictionary<string, int> View(AnnualPlan plan, DirectorySnapshot directory)
    {
        if (_byScope is null || !ReferenceEquals(_indexedFrom, directory))
        {
            _byScope = [];
            _indexedFrom = directory;
            foreach (var uscc in Counts.Keys)
            {
                Index(directory, uscc);
            }
        }
        var view = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((industry, region), usccs) in _byScope)
        {
            if (plan.Campaigns.Any(c => (c.Scope.Industry is null || c.Scope.Industry == industry) && (c.Scope.Region is null || c.Scope.Region == region)))
            {
                foreach (var uscc in usccs)
                {
                    view[uscc] = Counts[uscc];
                }
            }
        }
        return view;
    }

    /// <summary>An entity the directory no longer lists can be in no draw's scope: it is left out of every view.</summary>
    private void Index(DirectorySnapshot directory, string uscc)
    {
        var position = directory.Index.Find(uscc);
        if (position < 0)
        {
            return;
        }
        var entity = directory.Index.EntityAt(position);
        if (!_byScope!.TryGetValue((entity.Industry, entity.Region), out var usccs))
        {
            _byScope[(entity.Industry, entity.Region)] = usccs = [];
        }
        usccs.Add(uscc);
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
