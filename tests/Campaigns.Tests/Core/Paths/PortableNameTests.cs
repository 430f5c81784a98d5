using Campaigns.Core.Paths;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Paths;

/// <summary>Issue 15 item 8: every segment the product writes works on a Windows share, and two names never share one.</summary>
public class PortableNameTests
{
    private static readonly char[] Forbidden = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    private static void ShouldBePortable(string segment)
    {
        segment.IndexOfAny(Forbidden).ShouldBe(-1, segment);
        segment.ShouldNotContain(c => char.IsControl(c));
        segment.ShouldNotEndWith(".");
        segment.ShouldNotEndWith(" ");
        PortableName.IsPortable(segment).ShouldBeTrue(segment);
    }

    [Fact]
    public void Segment_OfficeNameWithAsciiQuotes_FullWidthQuotesAndAHash()
    {
        var segment = PortableName.Segment("清河县\"双随机、一公开\"工作领导小组办公室");

        ShouldBePortable(segment);
        segment.ShouldStartWith("清河县＂双随机、一公开＂工作领导小组办公室~");
        segment.Length.ShouldBe("清河县＂双随机、一公开＂工作领导小组办公室~".Length + 8);
    }

    [Theory]
    [InlineData("清河县“双随机、一公开”工作领导小组办公室")] // the sample office: Chinese quotes are allowed everywhere
    [InlineData("qh-2026-netcafe")]
    [InlineData("91130534MA0CXQ8D4B")]
    [InlineData("police")]
    public void Segment_PortableName_Unchanged(string name) => PortableName.Segment(name).ShouldBe(name);

    [Theory]
    [InlineData("a<b>c")]
    [InlineData("a:b")]
    [InlineData("a/b\\c")]
    [InlineData("a|b?c*")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("ends with a dot.")]
    [InlineData("ends with a space ")]
    [InlineData("...")]
    [InlineData("CON")]
    [InlineData("con")]
    [InlineData("nul.txt")]
    [InlineData("COM1")]
    [InlineData("lpt9.tar.gz")]
    [InlineData("AUX ")]
    [InlineData("")]
    public void Segment_NotPortable_MadePortable(string name)
    {
        PortableName.IsPortable(name).ShouldBeFalse();
        ShouldBePortable(PortableName.Segment(name));
    }

    [Fact]
    public void Segment_NamesDifferingOnlyInWhatIsReplaced_StayApart()
    {
        string[] names = ["a\"b", "a＂b", "a?b", "a*b", "a.", "a", "a ", "CON", "CON~x"];

        names.Select(PortableName.Segment).Distinct().Count().ShouldBe(names.Length);
    }

    [Fact]
    public void Segment_VeryLongName_KeptUnder255()
    {
        var segment = PortableName.Segment(new string('名', 300) + "?");

        segment.Length.ShouldBeLessThanOrEqualTo(255);
        ShouldBePortable(segment);
    }

    /// <summary>The plan publication sits in the office's folder; the document still shows the office's name as written.</summary>
    [Fact]
    public void PlanPublicationPath_OfficeNameWithAsciiQuotes_PortableFolder()
    {
        var plan = TestPlans.Plan(TestPlans.PublishedOn, TestPlans.NetCafe());
        plan = plan with { Office = plan.Office with { Name = "清河县\"双随机、一公开\"工作领导小组办公室" } };

        var path = Campaigns.Core.Engine.CampaignEngine.PlanPublicationPath(plan);

        path.Split('/').ShouldAllBe(s => PortableName.IsPortable(s));
        path.ShouldStartWith("2024/清河县＂双随机、一公开＂工作领导小组办公室~");
        Campaigns.Core.Documents.DocumentModels.PlanPublication(plan, []).OfficeName.ShouldBe("清河县\"双随机、一公开\"工作领导小组办公室");
    }

    [Fact]
    public void CampaignFolder_ReservedId_NotADeviceName() =>
        DocumentPaths.CampaignFolder(2024, "aux").Split('/')[1].ShouldStartWith("aux_~");
}
