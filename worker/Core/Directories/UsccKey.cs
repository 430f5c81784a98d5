namespace Campaigns.Core.Directories;

/// <summary>
/// A 统一社会信用代码 packed into 90 bits, 5 per character by its rank in <see cref="Uscc.Alphabet"/>. The alphabet is in
/// ASCII order, so keys compare exactly as the codes compare ordinally: a province directory sorts as integers.
/// </summary>
public readonly record struct UsccKey(UInt128 Value) : IComparable<UsccKey>
{
    private const int Length = 18;

    private static readonly sbyte[] Ranks = BuildRanks();

    public static bool TryParse(string code, out UsccKey key)
    {
        key = default;
        if (code.Length != Length)
        {
            return false;
        }
        UInt128 value = 0;
        foreach (var c in code)
        {
            var rank = c < Ranks.Length ? Ranks[c] : -1;
            if (rank < 0)
            {
                return false;
            }
            value = (value << 5) | (uint)rank;
        }
        key = new UsccKey(value);
        return true;
    }

    public static UsccKey Parse(string code) =>
        TryParse(code, out var key) ? key : throw new FormatException($"'{code}' is not 18 characters of the GB 32100 alphabet");

    public int CompareTo(UsccKey other) => Value.CompareTo(other.Value);

    public override string ToString()
    {
        Span<char> code = stackalloc char[Length];
        var value = Value;
        for (var i = Length - 1; i >= 0; i--)
        {
            code[i] = Uscc.Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(code);
    }

    private static sbyte[] BuildRanks()
    {
        var ranks = new sbyte[128];
        Array.Fill(ranks, (sbyte)-1);
        for (var i = 0; i < Uscc.Alphabet.Length; i++)
        {
            ranks[Uscc.Alphabet[i]] = (sbyte)i;
        }
        return ranks;
    }
}
