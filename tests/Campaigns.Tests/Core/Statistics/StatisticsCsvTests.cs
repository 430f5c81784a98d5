using System.Text;
using Campaigns.Core.Sheets;
using Campaigns.Core.Statistics;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Statistics;

public class StatisticsCsvTests
{
    private static readonly StatisticsTable Table = StatisticsTable.ForCampaign(SampleDocuments.Plan,
        new CampaignResults(SampleDocuments.Campaign, SampleDocuments.Draw, SampleDocuments.Results, SampleDocuments.ResultDeadline));

    [Fact]
    public void Write_Sample_Utf8WithByteOrderMark_ForExcel()
    {
        var bytes = StatisticsCsv.Write(Table);

        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes[3..]).ShouldStartWith("部门,随机抽查企业（户）,随机抽取执法人员（人）,现场解答疑难问题（户）");
    }

    [Fact]
    public void Write_Sample_ALinePerDepartmentAndTotal_FiguresAsWritten()
    {
        var sheet = Sheet.Load(StatisticsCsv.Write(Table), "statistics.csv").Sheet!;

        sheet.Headers.Count.ShouldBe(1 + StatisticsColumns.Figures.Count + 1 + 10);
        sheet.Rows.Select(r => r[0]).ShouldBe([.. Table.Departments.Select(d => d.Department), "合计"]);
        var total = sheet.Rows[^1];
        total[sheet.Headers.ToList().IndexOf("随机抽取执法人员（人）")].ShouldBe("6");
        total[sheet.Headers.ToList().IndexOf("按期录入率")].ShouldBe("88.89%");
        total[sheet.Headers.ToList().IndexOf("5 发现问题已责令改正")].ShouldBe("1");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"县公安局\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-县公安局")]
    [InlineData("@SUM(1,1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void Write_DepartmentNamedLikeAFormula_WrittenAsQuotedText(string name)
    {
        var plan = SampleDocuments.Plan with
        {
            Departments = [.. SampleDocuments.Plan.Departments.Select((d, i) => i == 0 ? d with { Name = name } : d)],
        };
        var table = StatisticsTable.ForCampaign(plan,
            new CampaignResults(SampleDocuments.Campaign, SampleDocuments.Draw, SampleDocuments.Results, SampleDocuments.ResultDeadline));

        var sheet = Sheet.Load(StatisticsCsv.Write(table), "statistics.csv").Sheet.ShouldNotBeNull();

        sheet.Rows.Select(r => r[0]).ShouldContain("'" + name);
        sheet.Rows.ShouldAllBe(r => r.Fields.All(f => f.Length == 0 || "=+-@\t\r".IndexOf(f[0]) < 0));
    }
}
