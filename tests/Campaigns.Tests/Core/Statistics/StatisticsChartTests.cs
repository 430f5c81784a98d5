using System.Globalization;
using System.Xml.Linq;
using Campaigns.Core.Statistics;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Statistics;

public class StatisticsChartTests
{
    private static readonly StatisticsTable Table = StatisticsTable.ForCampaign(SampleDocuments.Plan,
        new CampaignResults(SampleDocuments.Campaign, SampleDocuments.Draw, SampleDocuments.Results, SampleDocuments.ResultDeadline));

    private static double Number(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static List<XElement> Bars(string svg) =>
        [.. XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "rect" && e.Attribute("data-department") is not null)];

    [Fact]
    public void ResultCodes_Sample_WellFormedSvgWithABarPerDepartmentAndCode()
    {
        var svg = XDocument.Parse(StatisticsChart.ResultCodes(Table));

        svg.Root!.Name.ShouldBe(XName.Get("svg", "http://www.w3.org/2000/svg"));
        Bars(StatisticsChart.ResultCodes(Table)).Count.ShouldBe(Table.Departments.Count * 10);
    }

    [Fact]
    public void ResultCodes_BarHeights_ProportionalToCounts()
    {
        var bars = Bars(StatisticsChart.ResultCodes(Table));

        var max = bars.Max(b => int.Parse(b.Attribute("data-count")!.Value, CultureInfo.InvariantCulture));
        var tallest = bars.Max(b => Number(b, "height"));
        tallest.ShouldBeGreaterThan(0);
        foreach (var bar in bars)
        {
            var count = int.Parse(bar.Attribute("data-count")!.Value, CultureInfo.InvariantCulture);
            Number(bar, "height").ShouldBe(tallest * count / max, 0.01);
            // Bars stand on one baseline.
            (Number(bar, "y") + Number(bar, "height")).ShouldBe(bars.Max(b => Number(b, "y") + Number(b, "height")), 0.01);
        }
        var culture = Table.Departments.Single(d => d.DepartmentId == "culture");
        bars.Single(b => b.Attribute("data-department")!.Value == culture.Department && b.Attribute("data-code")!.Value == "1")
            .Attribute("data-count")!.Value.ShouldBe(culture.CodeCounts[0].ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OnTime_BarLengths_ProportionalToRates_TotalIncluded()
    {
        var bars = Bars(StatisticsChart.OnTime(Table));

        bars.Count.ShouldBe(Table.Departments.Count + 1);
        var full = bars.Where(b => b.Attribute("data-rate")!.Value == "1").Select(b => Number(b, "width")).First();
        foreach (var bar in bars)
        {
            Number(bar, "width").ShouldBe(full * double.Parse(bar.Attribute("data-rate")!.Value, CultureInfo.InvariantCulture), 0.01);
        }
    }

    [Fact]
    public void Charts_NamesNeedingEscapes_StillWellFormed()
    {
        var plan = SampleDocuments.Plan with
        {
            Departments = [.. SampleDocuments.Plan.Departments.Select(d => d.Id == "police" ? d with { Name = "县公安局<网安>&\"大队\"" } : d)],
        };
        var table = StatisticsTable.ForCampaign(plan, new CampaignResults(SampleDocuments.Campaign, SampleDocuments.Draw, [], SampleDocuments.ResultDeadline));

        Should.NotThrow(() => XDocument.Parse(StatisticsChart.ResultCodes(table)));
        Should.NotThrow(() => XDocument.Parse(StatisticsChart.OnTime(table)));
        Bars(StatisticsChart.ResultCodes(table)).ShouldAllBe(b => b.Attribute("height")!.Value == "0");
    }
}
