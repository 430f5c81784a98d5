using Campaigns.Core.Documents;
using Campaigns.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Documents;

/// <summary>
/// A template error names the file, the line, the column and the field, for the operator reading the log; a blank is
/// an error. Positions are those of the shipped templates, so a moved field fails here and the number is updated with it.
/// </summary>
public class TemplateErrorTests : IDisposable
{
    private static readonly TemplateSet Templates = TemplateSet.Load(Repository.Path("templates"));
    private static readonly IReadOnlyDictionary<string, object> Models = SampleDocuments.Models();

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Render_NullField_NamesFileLineAndField()
    {
        var notices = (EntityNotices)Models["entity-notice.html"];
        var notice = notices with { Notices = [notices.Notices[0] with { Address = null! }, .. notices.Notices.Skip(1)] };
        var message = Should.Throw<TemplateException>(() => Templates.Render("entity-notice.html", notice)).Message;
        message.ShouldContain($"templates{Path.DirectorySeparatorChar}entity-notice.sbn-html:9:167: missing field Address");
        message.ShouldContain("EntityNotices.Notices[0].Address is null");
    }

    [Fact]
    public void Render_EmptyField_IsAnErrorNotABlank()
    {
        var letter = (DepartmentLetter)Models["department-letter.html"] with { MeetingPlace = " " };
        Should.Throw<TemplateException>(() => Templates.Render("department-letter.html", letter))
            .Message.ShouldContain("department-letter.sbn-html:12:29: missing field MeetingPlace");
    }

    [Fact]
    public void Render_BlankInsideNestedLists_NamesTheLineOfThatList()
    {
        // Department is printed twice in the form: once per check item (line 8), once per inspector of a group (line 11).
        var form = (InspectionRecordForm)Models["inspection-record.html"];
        var group = form.Groups[0];
        var inspectorBlank = form with { Groups = [group with { Inspectors = [group.Inspectors[0], group.Inspectors[1] with { Department = "" }, .. group.Inspectors.Skip(2)] }] };
        var itemBlank = form with { Items = [form.Items[0] with { Department = "" }, .. form.Items.Skip(1)] };

        Should.Throw<TemplateException>(() => Templates.Render("inspection-record.html", inspectorBlank))
            .Message.ShouldContain("inspection-record.sbn-html:11:110: missing field Department: InspectionRecordForm.Groups[0].Inspectors[1].Department is empty");
        Should.Throw<TemplateException>(() => Templates.Render("inspection-record.html", itemBlank))
            .Message.ShouldContain("inspection-record.sbn-html:8:111: missing field Department: InspectionRecordForm.Items[0].Department is empty");
    }

    [Fact]
    public void Render_SeveralBlanks_ReportsEveryOne()
    {
        var cover = (CoverMail)Models["cover.txt"] with { RecipientName = "", Message = null! };
        var message = Should.Throw<TemplateException>(() => Templates.Render("cover.txt", cover)).Message;
        message.ShouldContain("cover.sbn-txt:1:4: missing field RecipientName");
        message.ShouldContain("cover.sbn-txt:3:4: missing field Message: CoverMail.Message is null");
    }

    [Fact]
    public void Render_NullableFieldLeftOut_RendersTheAlternative()
    {
        var reminder = (Reminder)Models["reminder.txt"] with { CampaignName = null };
        Templates.Render("reminder.txt", reminder).ShouldContain("年度抽查计划的“检查结果录入截止”");
    }

    [Fact]
    public void Render_ModelWithoutTheField_NamesFileLineAndField()
    {
        var message = Should.Throw<TemplateException>(() => Templates.Render("cover.txt", new { Subject = "s", OfficeName = "o", Message = "m", ContactLine = "c" })).Message;
        message.ShouldContain("cover.sbn-txt:1:4: ");
        message.ShouldContain("`RecipientName` was not found");
    }

    [Fact]
    public void Render_MisspeltMember_NamesFileLineAndColumn()
    {
        // why: Scriban prints an unknown member as nothing unless told otherwise; a letter with a hole is a wrong letter.
        File.WriteAllText(_dir.File("list.sbn-html"), "<ul>\n{{ for row in Rows }}<li>{{ row.Nmber }}</li>{{ end }}\n</ul>\n");
        var templates = TemplateSet.Load(_dir.Path);
        var message = Should.Throw<TemplateException>(() => templates.Render("list.html", new { Rows = new[] { new { Number = 1 } } })).Message;
        message.ShouldStartWith($"{_dir.File("list.sbn-html")}:2:33: ");
        message.ShouldContain("has no field 'Nmber'");
    }

    [Theory]
    [InlineData("第一行\n第二行 {{ Title }\n第三行", "2:14: ", "Invalid token found `}`")] // why: a brace missing
    [InlineData("<p>{{ Title }}</p>\n\n{{ for row in Rows }}<td>{{ row.Number }}</td>\n", "3:42: ", "The <end> statement was not found")] // why: a block never closed
    [InlineData("{{ if Rows }}\n<p>{{ Title }}</p>\n{{ end }}{{ end }}\n", "3:15: ", "<end> statement without a corresponding beginning")] // why: a block closed twice
    public void Load_SyntaxError_NamesFileLineAndColumn(string text, string position, string detail)
    {
        File.WriteAllText(_dir.File("good.sbn-txt"), "{{ Title }}");
        File.WriteAllText(_dir.File("broken.sbn-html"), text);
        var message = Should.Throw<TemplateException>(() => TemplateSet.Load(_dir.Path)).Message;
        message.ShouldStartWith($"{_dir.File("broken.sbn-html")}:{position}");
        message.ShouldContain(detail);
    }

    [Fact]
    public void Load_FolderStillHoldingHbsTemplates_NamesEachFile()
    {
        // why: an upgrade that copies the new templates over the old folder must not run on with half of them unread.
        File.WriteAllText(_dir.File("cover.sbn-txt"), "{{ Message }}");
        File.WriteAllText(_dir.File("cover.txt.hbs"), "{{Message}}");
        Should.Throw<TemplateException>(() => TemplateSet.Load(_dir.Path))
            .Message.ShouldStartWith($"{_dir.File("cover.txt.hbs")}: .hbs templates are no longer read");
    }

    [Fact]
    public void Load_BrokenPartial_NamesThePartialFile()
    {
        File.WriteAllText(_dir.File("_print-style.sbn-html"), "<style>\n{{ if x }}\n</style>");
        Should.Throw<TemplateException>(() => TemplateSet.Load(_dir.Path))
            .Message.ShouldStartWith($"{_dir.File("_print-style.sbn-html")}:2:");
    }

    [Fact]
    public void Render_PlanTheValidatorOnlyWarnsAbout_EveryDocumentRendersWithoutBlanks()
    {
        // why: no office contact and a participant without check items are warnings, not errors, so the documents
        // must still be writable: the contact line and that department's item row are left out, not left blank.
        var campaign = SampleDocuments.Campaign with { Items = SampleDocuments.Campaign.Items.Where(i => i.Key != "culture").ToDictionary() };
        var plan = SampleDocuments.Plan with { Office = SampleDocuments.Plan.Office with { Contacts = [] }, Campaigns = [campaign] };
        foreach (var (name, model) in SampleDocuments.Models(plan, campaign))
        {
            var text = Templates.Render(name, model);
            text.ShouldNotContain("联系人");
            text.ShouldNotContain("<td></td>");
        }
        var notice = Templates.Render("entity-notice.html", SampleDocuments.Models(plan, campaign)["entity-notice.html"]);
        notice.ShouldContain("县公安局、县市场监督管理局、县文化广电和旅游局将于");
        notice.ShouldNotContain("<td>县文化广电和旅游局</td>");
    }
}
