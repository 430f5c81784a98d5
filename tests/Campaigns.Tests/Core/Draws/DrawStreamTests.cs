using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Draws;

namespace Campaigns.Tests.Core.Draws;

public class DrawStreamTests
{
    [Fact]
    public void NextWord_IsTheDocumentedHmacBlock()
    {
        // The README's algorithm, computed independently: block 0 = HMAC-SHA256(seed, "label|0"), first 8 bytes big-endian.
        var block = HMACSHA256.HashData(Encoding.UTF8.GetBytes("骰子 3-6-2"), Encoding.UTF8.GetBytes("c1|entities|0"));
        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(block);
        var second = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(block.AsSpan(8));
        var stream = new DrawStream("骰子 3-6-2", "c1|entities");
        stream.NextWord().ShouldBe(expected);
        stream.NextWord().ShouldBe(second);
    }

    [Fact]
    public void Below_StaysInRange_AndCoversIt()
    {
        var stream = new DrawStream("seed", "range");
        var seen = Enumerable.Range(0, 2000).Select(_ => stream.Below(7)).ToList();
        seen.ShouldAllBe(v => v >= 0 && v < 7);
        seen.Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public void Choose_SameSeed_SameSelectionInSameOrder()
    {
        var items = Enumerable.Range(0, 50).ToList();
        var first = new DrawStream("s", "l").Choose(items, 10);
        var again = new DrawStream("s", "l").Choose(items, 10);
        var other = new DrawStream("t", "l").Choose(items, 10);
        again.ShouldBe(first);
        other.ShouldNotBe(first);
        first.Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public void Choose_AllItems_IsAPermutation()
    {
        var items = Enumerable.Range(0, 20).ToList();
        new DrawStream("s", "all").Choose(items, 20).Order().ShouldBe(items);
    }
}
