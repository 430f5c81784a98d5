using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Core.Draws;

/// <summary>
/// The documented random stream behind every draw, so anyone holding the seed can recompute it:
/// block i = HMAC-SHA256(key = UTF-8(seed), message = UTF-8("{label}|{i}")), i = 0, 1, 2, ...;
/// each block gives four unsigned 64-bit big-endian words, consumed in order.
/// <see cref="Below"/> uses rejection sampling so there is no modulo bias.
/// </summary>
public sealed class DrawStream
{
    private readonly HMACSHA256 _hmac;
    private readonly string _label;
    private long _block;
    private byte[] _buffer = [];
    private int _offset;

    public DrawStream(string seed, string label)
    {
        _hmac = new HMACSHA256(Encoding.UTF8.GetBytes(seed));
        _label = label;
    }

    public ulong NextWord()
    {
        if (_offset + 8 > _buffer.Length)
        {
            _buffer = _hmac.ComputeHash(Encoding.UTF8.GetBytes($"{_label}|{_block}"));
            _block++;
            _offset = 0;
        }
        var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_offset, 8));
        _offset += 8;
        return word;
    }

    /// <summary>A uniform integer in [0, bound): words at or above the largest multiple of bound are rejected.</summary>
    public int Below(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var limit = ulong.MaxValue - (ulong.MaxValue % (ulong)bound);
        ulong word;
        do
        {
            word = NextWord();
        }
        while (word >= limit);
        return (int)(word % (ulong)bound);
    }

    /// <summary>
    /// Chooses <paramref name="count"/> of <paramref name="items"/> in draw order: a partial Fisher–Yates
    /// shuffle where step j swaps position j with j + Below(n - j).
    /// </summary>
    public IReadOnlyList<T> Choose<T>(IReadOnlyList<T> items, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Count);
        var pool = items.ToArray();
        for (var j = 0; j < count; j++)
        {
            var k = j + Below(pool.Length - j);
            (pool[j], pool[k]) = (pool[k], pool[j]);
        }
        return pool[..count];
    }
}
