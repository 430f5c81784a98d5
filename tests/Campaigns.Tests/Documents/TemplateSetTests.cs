using Campaigns.Core.Directories;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;
using Campaigns.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Documents;

/// <summary>Every shipped template rendered with a model built from the core records.</summary>
public class TemplateSetTests : IDisposable
{
    private static readonly TemplateSet Templates = TemplateSet.Load(Repository.Path("templates"));
    private static readonly AnnualPlan Plan = TestPlans.Plan(TestPlans.PublishedOn);
    private static readonly CampaignPlan Campaign = Plan.Campaigns[0];
    private static readonly IReadOnlyList<Milestone> Timeline = CampaignTimeline.For(Plan, Calendars.Shipped);
    private static readonly Draw Draw = DoubleRandomDraw.Run(Plan, Campaign,
        new DrawInput("seed", new DateOnly(2024, 4, 9), EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], new Dictionary<string, int>())).Draw!;
    private static readonly IReadOnlyList<ResultEntry> Results =
    [
        .. Draw.Entities.SelectMany((e, i) => Campaign.AllDepartments.Select(d => new ResultEntry(
            Campaign.Id, e.Uscc, d, i == 0 && d == "market" ? ResultCode.ProblemFoundCorrectionOrdered : ResultCode.NoProblemFound,
            new DateOnly(2024, 5, 10), new DateOnly(2024, 6, 5), null))),
    ];

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string[]> Documents => new()
    {
        { "plan-publication.html", ["2024年度“双随机、一公开”部门联合抽查计划公示", "县公安局", "2024年4月9日至2024年5月31日", "不低于30%", "2024年7月1日"] },
        { "department-letter.html", ["关于抽调贵单位人员参加跨部门联合抽查的函", "县市场监督管理局：", "2024年4月9日上午9:00", "不再参与贵单位上下班考勤"] },
        { "entity-notice.html", ["检查通知书", "统一社会信用代码", "县公安局、县市场监督管理局、县文化广电和旅游局"] },
        { "inspection-record.html", ["部门联合抽查情况记录表", "10. 不合格", "处理意见", "page-break-after"] },
        { "results-publicity.html", ["结果公示", "发现问题已责令改正", "未发现问题"] },
        { "summary-report.html", ["统计表", "随机抽查企业（户）", "涉嫌违法应立案调查（户）", "100%"] },
        { "draw-record.html", ["抽取记录", "stratified-hmac-sha256/v2", "随机种子", "未事先承诺", "按比例抽中", "departments.csv", "抽取比例30%，向上取整，至少1户", "按抽取顺序", "ops/verify_draw.py"] },
    };

    private static object Model(string template) => template switch
    {
        "plan-publication.html" => DocumentModels.PlanPublication(Plan, Timeline),
        "department-letter.html" => DocumentModels.DepartmentLetter(Plan, Campaign, Draw, "market", Timeline),
        "entity-notice.html" => DocumentModels.EntityNotices(Plan, Campaign, Draw.Entities, Timeline),
        "inspection-record.html" => DocumentModels.InspectionRecordForm(Plan, Campaign, Draw, Draw.Groups[0]),
        "results-publicity.html" => DocumentModels.ResultsPublicity(Plan, Campaign, Draw, Results),
        "draw-record.html" => DocumentModels.DrawRecord(Plan, Campaign, Draw),
        _ => DocumentModels.SummaryReport(Plan, Campaign, Draw, Results, new DateOnly(2024, 7, 1)),
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Render_EveryDocument_HasItsWordingAndNoLeftoverMarkup(string template, string[] expected)
    {
        var html = Templates.Render(template, Model(template));
        foreach (var text in expected)
        {
            html.ShouldContain(text);
        }
        html.ShouldNotContain("{{");
        html.ShouldStartWith("<!DOCTYPE html>");
    }

    [Fact]
    public void InspectionRecordForm_OnePagePerEntityTheGroupVisits_WithFullLegend()
    {
        var group = Draw.Groups[^1];
        var visited = GroupEntities.Of(Draw)[group.Number];
        var form = DocumentModels.InspectionRecordForm(Plan, Campaign, Draw, group);
        form.Pages.Select(p => p.Uscc).ShouldBe(visited.Select(e => e.Uscc));
        form.Legend.Count.ShouldBe(10);
        var html = Templates.Render("inspection-record.html", form);
        html.Split("<section class=\"page\">").Length.ShouldBe(visited.Count + 1);
    }

    [Fact]
    public void SummaryReport_CountsMatchTheResults()
    {
        var report = DocumentModels.SummaryReport(Plan, Campaign, Draw, Results, new DateOnly(2024, 7, 1));
        report.Total.EntitiesChecked.ShouldBe(Draw.Entities.Count);
        report.Total.InspectorsDrawn.ShouldBe(6);
        report.Total.ProblemItems.ShouldBe(1);
        report.Lines.Single(l => l.Department == "县市场监督管理局").AdministrativeGuidance.ShouldBe(1);
        report.Codes.Single(c => c.Code == 1).Count.ShouldBe(Results.Count - 1);
    }

    [Theory]
    [InlineData("reminder")]
    [InlineData("breach-report")]
    [InlineData("cover")]
    public void MailTemplates_TextAndHtmlBothRender(string template)
    {
        object model = template switch
        {
            "reminder" => DocumentModels.Reminder(Plan, Campaign.Name, new Contact("李四", "market@qinghe.example", null), MilestoneKind.ResultEntryDeadline,
                new DateOnly(2024, 7, 1), 2, ["清河县网吧1", "清河县网吧2"]),
            "breach-report" => DocumentModels.BreachReport(Plan, new DateOnly(2024, 7, 3),
                [new BreachItem(Campaign.Name, "检查结果未按期录入", "县市场监督管理局", new DateOnly(2024, 7, 2), 2)]),
            _ => DocumentModels.CoverMail(Plan, new Contact("张三", "police@qinghe.example", null), "主题", "正文内容"),
        };
        var text = Templates.Render($"{template}.txt", model);
        var html = Templates.Render($"{template}.html", model);
        text.ShouldNotContain("{{");
        html.ShouldNotContain("{{");
        if (template == "reminder")
        {
            text.ShouldContain("还有2个工作日");
            text.ShouldContain("清河县网吧2");
        }
        if (template == "breach-report")
        {
            text.ShouldContain("已超期2个工作日");
            html.ShouldContain("县市场监督管理局");
        }
    }

    [Fact]
    public void Render_ModelMissingAField_ErrorNamesTemplateAndField()
    {
        var error = Should.Throw<TemplateException>(() => Templates.Render("cover.txt", new { Subject = "s", OfficeName = "o", Message = "m", ContactLine = "c" }));
        error.Message.ShouldContain("cover.sbn-txt");
        error.Message.ShouldContain("RecipientName");
    }

    [Fact]
    public void Load_BrokenTemplate_ErrorNamesTheFile()
    {
        File.WriteAllText(_dir.File("broken.sbn-html"), "{{ for row in Rows }} never closed");
        Should.Throw<TemplateException>(() => TemplateSet.Load(_dir.Path)).Message.ShouldContain("broken.sbn-html");
    }

    [Fact]
    public void ChineseDates_FormatsLikeOfficialLetters()
    {
        ChineseDates.Format(new DateOnly(2024, 5, 31)).ShouldBe("2024年5月31日");
        ChineseDates.Percent(0.30m).ShouldBe("30%");
        ChineseDates.Percent(0.055m).ShouldBe("5.5%");
    }

    [Fact]
    public void OverdueNotice_SaysHowLateAndThatLeadersKnow()
    {
        var notice = DocumentModels.OverdueNotice(Plan, Campaign.Name, Plan.Department("culture").Contacts[0], MilestoneKind.ResultEntryDeadline.ChineseName(),
            new DateOnly(2024, 7, 1), 3, ["录入检查结果（缺少1户检查对象的检查结果：清河县网吧2）"]);

        var text = Templates.Render("reminder.txt", notice);

        notice.Subject.ShouldBe($"【催办】{Campaign.Name}：检查结果录入截止已超期3个工作日");
        text.ShouldContain("“检查结果录入截止”时间为2024年7月1日，已超期3个工作日。请尽快完成以下事项：");
        text.ShouldContain("该事项已列入超期情况报告报送领导小组。");
        text.ShouldNotContain("距今");
    }
}
