using Campaigns.Core.Directories;

namespace Campaigns.Tests.Core.Directories;

public class UsccKeyTests
{
    [Fact]
    public void Keys_SortExactlyAsCodesSortOrdinally_AndRoundTrip()
    {
        var random = new Random(32100);
        var codes = Enumerable.Range(0, 2000)
            .Select(_ => new string([.. Enumerable.Range(0, 18).Select(_ => Uscc.Alphabet[random.Next(Uscc.Alphabet.Length)])]))
            .Concat(["000000000000000000", "YYYYYYYYYYYYYYYYYY", "91130534MA0R00001A", "91130534MA0R0000YA"])
            .ToList();
        codes.OrderBy(UsccKey.Parse).ShouldBe(codes.Order(StringComparer.Ordinal));
        codes.ShouldAllBe(c => UsccKey.Parse(c).ToString() == c);
    }

    [Theory]
    [InlineData("91130534MA0R00001")]    // 17 characters
    [InlineData("91130534MA0R00001AB")]  // 19
    [InlineData("91130534MA0I00001A")]   // I is not in the alphabet
    [InlineData("91130534ma0r00001a")]   // lower case
    [InlineData("9113053４MA0R00001A")]  // a full-width digit
    public void TryParse_RejectsWhatIsNotAUsccShape(string code) => UsccKey.TryParse(code, out _).ShouldBeFalse();
}
