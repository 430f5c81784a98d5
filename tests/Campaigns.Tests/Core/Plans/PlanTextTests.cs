using System.Text;
using Campaigns.Core.Plans;

namespace Campaigns.Tests.Core.Plans;

/// <summary>A plan saved in another encoding is refused at its first bad byte, with how to save it as UTF-8.</summary>
public class PlanTextTests
{
    [Fact]
    public void Parse_GbkPlan_RefusedAtTheFirstBadByteWithHowToSaveAsUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(PlanParserTests.Valid);

        var (_, result) = PlanText.Parse(gbk, "plan.yaml");

        result.Plan.ShouldBeNull();
        // Line 3 is the office's name, the first non-ASCII text; its value starts at column 9.
        result.Problems.Single().ToString().ShouldStartWith("plan.yaml:3:9: 文件不是 UTF-8 编码");
        result.Problems.Single().Message.ShouldContain("另存为");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parse_Utf8WithOrWithoutByteOrderMark_Parses(bool bom)
    {
        byte[] bytes = [.. bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(PlanParserTests.Valid)];

        var (text, result) = PlanText.Parse(bytes, "plan.yaml");

        result.Problems.ShouldBeEmpty();
        text.ShouldBe(PlanParserTests.Valid);
    }
}
