using System.Buffers.Binary;
using System.Globalization;
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
    // The key, not an HMACSHA256 instance: an instance holds a native handle that only its finaliser frees, and draws and
    // simulate make many short streams (their finalisers showed in a simulated province year's profile).
    private readonly byte[] _key;
    private readonly byte[] _message;
    private readonly int _prefixLength;
    private readonly byte[] _buffer = new byte[32];
    private long _block;
    private int _offset = 32;

    public DrawStream(string seed, string label)
    {
        _key = Encoding.UTF8.GetBytes(seed);
        var prefix = Encoding.UTF8.GetBytes(label + "|");
        _prefixLength = prefix.Length;
        _message = new byte[_prefixLength + 20];
        prefix.CopyTo(_message, 0);
    }

    public ulong NextWord()
    {
        if (_offset == _buffer.Length)
        {
            // The block number in decimal ASCII after "{label}|", as the README documents.
            _block.TryFormat(_message.AsSpan(_prefixLength), out var digits, default, CultureInfo.InvariantCulture);
            HMACSHA256.HashData(_key, _message.AsSpan(0, _prefixLength + digits), _buffer);
            _block++;
            _offset = 0;
        }
        var word = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_offset, 8));
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
        var pool = items.ToArray();
        Shuffle(pool, count);
        return pool[..count];
    }

    /// <summary><see cref="Choose{T}"/> in place: afterwards the first <paramref name="count"/> items are the chosen ones.</summary>
    public void Shuffle<T>(Span<T> pool, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pool.Length);
        for (var j = 0; j < count; j++)
        {
            var k = j + Below(pool.Length - j);
            (pool[j], pool[k]) = (pool[k], pool[j]);
        }
    }
}
