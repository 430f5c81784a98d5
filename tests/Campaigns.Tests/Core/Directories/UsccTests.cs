using Campaigns.Core.Directories;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Directories;

public class UsccTests
{
    [Theory]
    // Worked by hand from GB 32100: for 91350100M000100Y4 the weighted sum is 1640, 1640 mod 31 = 28, 31 − 28 = 3 → '3'.
    [InlineData("91350100M000100Y4Q", false)] // check character changed
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y4", false)]  // 17 characters
    [InlineData("91350100M000100I4Q", false)] // I is not in the alphabet
    public void IsValid_FollowsGb32100(string code, bool valid) => Uscc.IsValid(code).ShouldBe(valid);

    [Fact]
    public void CheckCharacter_ZeroRemainderIsWrittenZero()
    {
        // Search a code whose sum is a multiple of 31: (31 − 0) mod 31 = 0 must give '0', not index 31.
        var first17 = Enumerable.Range(0, 31).Select(i => "9113053400000000" + Uscc.Alphabet[i]).First(c => Uscc.CheckCharacter(c) == '0');
        Uscc.IsValid(first17 + "0").ShouldBeTrue();
    }

    [Theory]
    [InlineData("123", "统一社会信用代码“123”应为18位，实为3位")]
    [InlineData("91350100M000100Y4O", "统一社会信用代码“91350100M000100Y4O”含有不允许的字符“O”（GB 32100 不使用 I、O、S、V、Z 及小写字母）")]
    [InlineData("91350100M000100Y4Q", "统一社会信用代码“91350100M000100Y4Q”校验位错误：应为“3”")]
    public void Problem_SaysWhatIsWrong(string code, string message) => Uscc.Problem(code).ShouldBe(message);

    [Fact]
    public void ShippedDirectory_EveryUsccValid()
    {
        var lines = File.ReadAllLines(Repository.Path("config", "directories", "entities.csv")).Skip(1).ToList();
        lines.Count.ShouldBeGreaterThan(100);
        lines.Select(l => l.Split(',')[1]).ShouldAllBe(code => Uscc.IsValid(code));
    }
}
