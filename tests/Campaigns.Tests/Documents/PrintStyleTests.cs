using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Documents;

/// <summary>Every document meant for paper carries the print style: A4, a CJK font stack, a page per entity.</summary>
public class PrintStyleTests
{
    private static readonly TemplateSet Templates = TemplateSet.Load(Repository.Path("templates"));

    public static TheoryData<string> PrintedDocuments =>
    [
        "plan-publication.html", "department-letter.html", "entity-notice.html", "inspection-record.html",
        "results-publicity.html", "summary-report.html", "draw-record.html", "check-item-change.html",
    ];

    [Theory]
    [MemberData(nameof(PrintedDocuments))]
    public void Render_PrintedDocument_IsA4WithChineseFontsForEveryPlatform(string name)
    {
        var html = Templates.Render(name, SampleDocuments.Models()[name]);
        html.ShouldContain("@page { size: A4");
        // why: one name per platform a county office prints from (Windows, macOS, Linux), then the generic family.
        foreach (var font in new[] { "\"SimSun\"", "\"Songti SC\"", "\"Noto Serif CJK SC\"", "\"SimHei\"", "\"Noto Sans CJK SC\"", "serif;" })
        {
            html.ShouldContain(font);
        }
    }

    [Fact]
    public void InspectionRecord_EachEntityOnItsOwnSheet()
    {
        var form = (InspectionRecordForm)SampleDocuments.Models()["inspection-record.html"];
        var html = Templates.Render("inspection-record.html", form);
        html.ShouldContain(".page { break-after: page; page-break-after: always; }");
        html.Split("<section class=\"page\">").Length.ShouldBe(GroupEntities.Of(SampleDocuments.Draw)[form.Groups.Single().Number].Count + 1);
    }
}
