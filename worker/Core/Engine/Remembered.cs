using System.Runtime.CompilerServices;

namespace Campaigns.Core.Engine;

/// <summary>
/// The answer of a pure function, remembered beside the object it is about (a campaign, a draw, a list of results) for
/// as long as that object lives, and given again only while the other inputs are the very same objects. The engine
/// reconciles every campaign on every tick, and most campaigns' facts, plan and calendar are the same objects from one
/// day to the next (they are read again only when they change); counting working days and missing results again for each
/// of them was nearly half of the engine's time in a simulated year. Safe across threads: two that miss together both compute,
/// and either answer is the same.
/// </summary>
public sealed class Remembered<TOwner, TValue>
    where TOwner : class
{
    private readonly ConditionalWeakTable<TOwner, Entry> _answers = new();

    private sealed record Entry(object? First, object? Second, TValue Value);

    public TValue Get(TOwner owner, object? first, object? second, Func<TValue> compute)
    {
        if (_answers.TryGetValue(owner, out var known) && ReferenceEquals(known.First, first) && ReferenceEquals(known.Second, second))
        {
            return known.Value;
        }
        var value = compute();
        _answers.AddOrUpdate(owner, new Entry(first, second, value));
        return value;
    }
}
