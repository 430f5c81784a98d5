using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Directories;
using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// One realistic campaign for reviewed document snapshots: the 清河县 plan of <see cref="TestPlans"/>, net cafés and
/// inspectors with real-looking names and valid USCCs, a fixed seed and dates, no clock. Two groups of three
/// (one inspector per department), so the 一企一表 pages differ and a recusal shows in the draw record.
/// </summary>
public static class SampleDocuments
{
    /// <summary>Drawn at a public meeting; its SHA-256 was published with the plan as the seed commitment.</summary>
    public const string Seed = "20240402-3715-0862";

    public static readonly CampaignPlan Campaign = TestPlans.NetCafe(drawOn: new DateOnly(2024, 4, 2)) with
    {
        InspectorsPerDepartment = 1,
        Groups = 2,
        Seed = Seed,
        SeedCommitment = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Seed))),
    };

    public static readonly AnnualPlan Plan = TestPlans.Plan(TestPlans.PublishedOn, Campaign);

    public static readonly IReadOnlyList<Milestone> Timeline = CampaignTimeline.For(Plan, Calendars.Shipped);

    // Declared before Entities: static fields initialise in text order.
    private static readonly string[] CafeNames =
    [
        "清河县星宇网吧", "清河县极速网络会所", "清河县蓝海网吧", "清河县畅游网吧", "清河县聚友网咖",
        "清河县风云网吧", "清河县新干线网吧", "清河县飞翔网络会所", "清河县天天网吧", "清河县网鱼网咖",
    ];

    private static readonly string[] Representatives = ["王建华", "李红梅", "张志刚", "刘振东", "陈秀英", "杨小军", "赵春生", "黄丽萍", "周永强", "吴桂兰"];

    public static readonly IReadOnlyList<MarketEntity> Entities = [.. CafeNames.Select((name, i) => new MarketEntity(
        ValidUscc($"91130534MA0H{i + 1:D4}X"), name, $"清河县葛仙庄镇建设街{(i + 1) * 6}号", Representatives[i],
        "互联网上网服务营业场所", "葛仙庄镇", i % 3 == 0 ? "C" : "B", i == 9 ? EntityStatus.Deregistered : EntityStatus.Active))];

    public static readonly IReadOnlyList<Inspector> Inspectors =
    [
        Officer("031501", "张建军", "男", "县公安局"),
        Officer("031502", "李志强", "男", "县公安局"),
        Officer("031503", "王海涛", "男", "县公安局"),
        Officer("031504", "冯振宇", "男", "县公安局"),
        new Inspector("031509", "马国庆", "男", "县公安局", "科员", new DateOnly(2023, 12, 31), null, null, []),
        Officer("1305340201", "刘晓燕", "女", "县市场监督管理局", Entities[5].Uscc),
        Officer("1305340202", "陈国华", "男", "县市场监督管理局"),
        Officer("1305340203", "杨丽娟", "女", "县市场监督管理局", Entities[5].Uscc),
        Officer("1305340204", "郑雅琴", "女", "县市场监督管理局"),
        Officer("1305340301", "赵文博", "男", "县文化广电和旅游局"),
        Officer("1305340302", "孙美玲", "女", "县文化广电和旅游局"),
        Officer("1305340303", "周立新", "男", "县文化广电和旅游局"),
        Officer("1305340304", "吴静怡", "女", "县文化广电和旅游局"),
    ];

    public static readonly Draw Draw = DoubleRandomDraw.Run(Plan, Campaign, new DrawInput(
        Seed, Campaign.DrawOn, EntityIndex.Build(Entities), Inspectors,
        [new SnapshotFile("entities.csv", "5d41402abc4b2a76b9719d911017c592ae2c5a7f3d0b2c8e9f1a6b4c7d8e9f00"),
            new SnapshotFile("inspectors.csv", "8f14e45fceea167a5a36dedd4bea2543a1f0e8c4b7d2c6e9a3b5d7f1c2e4a6b8")], new Dictionary<string, int>(), 3, Commitments)).Draw!;

    /// <summary>The seed's ledger: a first commitment published with the plan, replaced by an approved re-commitment before the draw.</summary>
    public static IReadOnlyList<CommitmentEntry> Commitments =>
    [
        new(Seeds.Commit("首次封存的种子"), new DateTimeOffset(2024, 3, 20, 9, 30, 0, TimeSpan.FromHours(8)), "2024.yaml", new string('1', 64), false),
        new(Campaign.SeedCommitment!, new DateTimeOffset(2024, 3, 28, 16, 5, 0, TimeSpan.FromHours(8)), "2024.yaml", new string('2', 64), false,
            Seeds.Commit("首次封存的种子"), "原种子保管人调离，封存的种子无法取出", "县“双随机、一公开”工作领导小组组长"),
    ];

    /// <summary>The lead department's member of group 1, replaced after the draw (递补), with reason and approval.</summary>
    public static Substitution Substitution =>
        Substitutions.Draw(Draw, [], Inspectors, Draw.Groups[0].LeaderCertificateNumber, "因病住院", "县公安局局长", Campaign.DrawOn.AddDays(3)).Substitution!;

    /// <summary>Every department's result for every drawn entity; one correction order, one late entry.</summary>
    public static readonly IReadOnlyList<ResultEntry> Results =
    [
        .. Draw.Entities.SelectMany((e, i) => Campaign.AllDepartments.Select(d => new ResultEntry(
            Campaign.Id, e.Uscc, d,
            (i, d) switch
            {
                (0, "market") => ResultCode.ProblemFoundCorrectionOrdered,
                (1, "police") => ResultCode.Compliant,
                (2, "culture") => ResultCode.ProblemFoundFollowUpPending,
                _ => ResultCode.NoProblemFound,
            },
            new DateOnly(2024, 5, 10 + i),
            (i, d) == (2, "culture") ? new DateOnly(2024, 7, 3) : new DateOnly(2024, 6, 5),
            null))),
    ];

    public static DateOnly ResultDeadline => Timeline.Single(m => m.Kind == MilestoneKind.ResultEntryDeadline).Date;

    /// <summary>Every template with its model, by template name ("entity-notice.html", "reminder.txt").</summary>
    public static IReadOnlyDictionary<string, object> Models() => Models(Plan, Campaign);

    /// <summary>The same documents for a variant of the plan (same departments), on the sample draw and results.</summary>
    public static IReadOnlyDictionary<string, object> Models(AnnualPlan plan, CampaignPlan campaign)
    {
        var timeline = CampaignTimeline.For(plan, Calendars.Shipped);
        var reminder = DocumentModels.Reminder(plan, campaign.Name, plan.Department("culture").Contacts[0], MilestoneKind.ResultEntryDeadline,
            ResultDeadline, 2, [$"录入对{Draw.Entities[2].Name}的检查结果"]);
        var culture = plan.Department("culture").Contacts[0];
        var digest = ReminderDigests.Gather(plan, ResultDeadline.AddDays(-3),
        [
            new DeliveryOrder("a", "reminder", campaign.Id, culture, "reminder", reminder, []),
            new DeliveryOrder("b", "reminder", null, culture, "reminder", DocumentModels.Reminder(plan, null, culture, MilestoneKind.SummaryDue,
                ResultDeadline.AddDays(10), 9, ["形成统计表和工作总结并报送"]), []),
        ]).Single().Model;
        var breach = DocumentModels.BreachReport(plan, new DateOnly(2024, 7, 3),
        [
            new BreachItem(campaign.Name, $"{FlagKind.ResultsOverdue.ChineseName()}（缺少1户检查对象的检查结果：{Draw.Entities[2].Name}）",
                "县文化广电和旅游局", ResultDeadline.AddDays(1), 2),
            new BreachItem(null, $"{FlagKind.PlanNotPublished.ChineseName()}（年度抽查计划尚未公示）", plan.Office.Name, new DateOnly(2024, 4, 1), 45),
        ]);
        var cover = DocumentModels.CoverMail(plan, plan.Department("market").Contacts[0], $"关于抽调{campaign.Name}检查人员的函",
            $"{campaign.Name}已完成双随机抽取，抽调人员函及一企一表见附件，请通知被抽取人员按时参加。");
        // What the office reads when a save breaks the plan: an error and a warning, the running version accepted on publication day.
        var planError = DocumentModels.PlanError(plan, new Contact("田婷婷", "office@qinghe.example", null), "2024.yaml",
            "3f9c2a7be41d08c55a6e1f7d2b90c4e8a1d3f5b7c9e0a2b4d6f8e1c3a5b7d9f0",
            [
                new PlanProblem(ProblemSeverity.Warning, new SourceLocation("config/plans/2024.yaml", 8, 5), "部门“县消防救援大队”未发起也未参与任何部门联合抽查（003 §9：每个部门每年至少发起或参与一次）"),
                new PlanProblem(ProblemSeverity.Error, new SourceLocation("config/plans/2024.yaml", 30, 14), "日期“2024-04-31”无效，应为 YYYY-MM-DD（draw_on：抽取日期）"),
            ],
            "a41be07c93d2f5e8b6c1a0d9e7f3b2c5d8e1a4f7b0c3d6e9f2a5b8c1d4e7f0a3",
            new DateTimeOffset(2024, 3, 20, 6, 41, 0, TimeSpan.Zero));
        // 004 §8: the published list changed on 8 April 2024 (police added one item, market dropped one), due 10 working days on.
        var itemChange = DocumentModels.CheckItemChangeNotice(plan, new RecordedCheckItemChange(1, new DateOnly(2024, 4, 8), new CheckItemChange(
            [
                new CheckItemChange.Department("police", ["互联网上网服务营业场所信息网络安全检查"], []),
                new CheckItemChange.Department("market", [], ["广告行为检查"]),
            ]), null, false), new DateOnly(2024, 4, 22));
        return new Dictionary<string, object>
        {
            ["plan-publication.html"] = DocumentModels.PlanPublication(plan, timeline),
            ["check-item-change.html"] = itemChange,
            ["department-letter.html"] = DocumentModels.DepartmentLetter(plan, campaign, Draw, "market", timeline),
            ["entity-notice.html"] = DocumentModels.EntityNotices(plan, campaign, Draw.Entities.Take(2), timeline),
            ["inspection-record.html"] = DocumentModels.InspectionRecordForm(plan, campaign, Draw, Draw.Groups[0]),
            ["results-publicity.html"] = DocumentModels.ResultsPublicity(plan, campaign, Draw, Results),
            ["summary-report.html"] = DocumentModels.SummaryReport(plan, campaign, Draw, Results, ResultDeadline),
            ["draw-record.html"] = DocumentModels.DrawRecord(plan, campaign, Draw, [Substitution]),
            ["reminder.txt"] = reminder,
            ["reminder.html"] = reminder,
            ["reminder-digest.txt"] = digest,
            ["reminder-digest.html"] = digest,
            ["breach-report.txt"] = breach,
            ["breach-report.html"] = breach,
            ["cover.txt"] = cover,
            ["cover.html"] = cover,
            ["plan-error.txt"] = planError,
            ["plan-error.html"] = planError,
        };
    }

    private static Inspector Officer(string certificate, string name, string gender, string unit, params string[] conflicts) =>
        new(certificate, name, gender, unit, "科员", new DateOnly(2027, 12, 31), $"{certificate}@qinghe.example", null, conflicts);

    private static string ValidUscc(string first17) => first17 + Uscc.CheckCharacter(first17);
}
