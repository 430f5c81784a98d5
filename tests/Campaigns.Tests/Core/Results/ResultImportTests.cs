using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Results;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Results;

public class ResultImportTests
{
    private static readonly DateOnly Today = new(2024, 6, 5);
    private static readonly Draw Draw = DoubleRandomDraw.Run(TestPlans.Plan(), TestPlans.NetCafe(),
        new DrawInput("fixed-seed", new DateOnly(2024, 4, 9), EntityIndex.Build(TestPlans.Entities()), TestPlans.Inspectors(), [], new Dictionary<string, int>())).Draw!;

    private static ResultImport.Outcome Read(string csv, IReadOnlyList<ResultEntry>? earlier = null) =>
        ResultImport.Read(csv, "results.csv", TestPlans.Plan(), TestPlans.NetCafe(), Draw, earlier ?? [], Today);

    private static string Uscc(int i) => Draw.Entities[i].Uscc;

    [Fact]
    public void Read_GoodSheet_EntriesWithDepartmentByIdOrName()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,备注
            {Uscc(0)},police,1,2024-05-10,
            {Uscc(0)},县市场监督管理局,5,2024-05-10,已责令改正
            """);
        outcome.Problems.ShouldBeEmpty();
        outcome.Entries.Select(e => (e.DepartmentId, e.Code, e.Remarks)).ShouldBe(
            [("police", ResultCode.NoProblemFound, (string?)null), ("market", ResultCode.ProblemFoundCorrectionOrdered, "已责令改正")]);
        outcome.Entries.ShouldAllBe(e => e.EnteredOn == Today);
    }

    [Fact]
    public void Read_BadRows_EveryProblemWithRowAndColumn_AndNothingEntered()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,备注
            {Uscc(0)},police,1,2024-05-10,
            91130534MA0999999X9,police,1,2024-05-10,
            {Uscc(1)},tax,11,2024-07-01,
            {Uscc(0)},police,1,2024-05-11,
            """);
        outcome.Entries.ShouldBeEmpty();
        outcome.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "results.csv:3:1: “91130534MA0999999X9”不是本次抽查（qh-2024-netcafe）抽取的检查对象",
            "results.csv:4:2: “tax”不是本次抽查的参与部门",
            "results.csv:4:3: 检查结果“11”无效，应为 1–10 的结果代码",
            "results.csv:4:4: 检查日期2024-07-01不在检查时间2024-04-09至2024-05-31内",
            "results.csv:5:2: 与第2行重复：同一检查对象同一部门同一检查事项只能有一条结果",
        ]);
    }

    [Fact]
    public void Read_ChangesAnEnteredResult_RejectedCitingCorrectionRule()
    {
        var earlier = new ResultEntry("qh-2024-netcafe", Uscc(0), "police", ResultCode.NoProblemFound, new DateOnly(2024, 5, 10), new DateOnly(2024, 6, 1), null);
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期
            {Uscc(0)},police,10,2024-05-10
            """, [earlier]);
        outcome.Problems.Single().Message.ShouldContain("001 四(四)");
    }

    [Fact]
    public void Read_MissingHeader_NamesIt()
    {
        Read("统一社会信用代码,部门,检查日期\n").Problems.Single().ToString().ShouldBe("results.csv:1:1: 缺少表头“检查结果”");
    }

    private static string Members(string department) =>
        string.Join(";", Draw.Groups[0].Members.Where(m => m.DepartmentId == department).Select(m => m.CertificateNumber));

    [Fact]
    public void Read_FullRecord_InspectorsFromTheGroupAndDepartment_SignatureOrRefusalWithReason()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,检查人员,处理意见,是否签字,拒签原因
            {Uscc(0)},police,5,2024-05-10,{Members("police")},责令限期改正,否,负责人不在场
            {Uscc(1)},police,1,2024-05-10,{Members("market")},,是,
            {Uscc(2)},police,1,2024-05-10,,,否,
            {Uscc(2)},market,4,2024-05-10,,,,
            """);

        outcome.Entries.ShouldBeEmpty();
        var culprit = Draw.Groups[0].Members.First(m => m.DepartmentId == "market").CertificateNumber;
        outcome.Problems.Select(p => p.ToString()).ShouldBe(
        [
            $"results.csv:3:5: 执法证号“{culprit}”不是第1检查组中县公安局的检查人员",
            $"results.csv:3:5: 执法证号“{Draw.Groups[0].Members.Last(m => m.DepartmentId == "market").CertificateNumber}”不是第1检查组中县公安局的检查人员",
            "results.csv:4:5: “检查人员”不能为空：填写实施检查的执法检查人员执法证号",
            "results.csv:4:8: 检查对象拒绝签字的，应在“拒签原因”中写明原因（002 五(二)2）",
        ]);
        // Row 5 (code 4, unreachable at the registered address) needs neither inspectors nor a signature (003 §21).
        outcome.Problems.ShouldNotContain(p => p.Location.Line == 5);
    }

    [Fact]
    public void Read_CodesFourAndSix_WithoutInspectorsOrSignature_Entered()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,检查人员,处理意见,是否签字,拒签原因
            {Uscc(0)},police,4,2024-05-10,,,,
            {Uscc(1)},police,6,2024-05-10,,列入严重违法失信名单,,
            {Uscc(2)},police,5,2024-05-10,{Members("police")},责令限期改正,否,负责人拒绝签字
            """);

        outcome.Problems.ShouldBeEmpty();
        outcome.Entries[1].HandlingOpinion.ShouldBe("列入严重违法失信名单");
        outcome.Entries[2].Inspectors.ShouldBe(Members("police").Split(';'));
        (outcome.Entries[2].Signed, outcome.Entries[2].RefusalReason).ShouldBe((false, "负责人拒绝签字"));
    }

    [Fact]
    public void Read_ChangeWithReasonAndSigningLeader_IsACorrection_NotANewEntry()
    {
        var earlier = new ResultEntry("qh-2024-netcafe", Uscc(0), "police", ResultCode.NoProblemFound, new DateOnly(2024, 5, 10), new DateOnly(2024, 6, 1), null);
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,更正理由,签字负责人
            {Uscc(0)},police,8,2024-05-10,复核发现问题,县公安局局长王某
            """, [earlier]);

        outcome.Problems.ShouldBeEmpty();
        outcome.Entries.ShouldBeEmpty();
        var correction = outcome.Corrections.Single();
        (correction.Previous, correction.Code, correction.Reason, correction.SignedBy, correction.CorrectedOn)
            .ShouldBe((ResultCode.NoProblemFound, ResultCode.ProblemFoundFollowUpPending, "复核发现问题", "县公安局局长王某", Today));
        ResultCorrections.Apply([earlier], [correction]).Single().Code.ShouldBe(ResultCode.ProblemFoundFollowUpPending);
    }

    [Fact]
    public void Read_Xlsx_SameRulesAsCsv()
    {
        var sheet = Campaigns.Core.Sheets.Sheet.Load(Xlsx.Write(
            ["统一社会信用代码", "部门", "检查结果", "检查日期"],
            [Uscc(0), "police", "1", "2024-05-10"],
            [Uscc(1), "police", "12", "2024-05-10"]), "results.xlsx").Sheet!;
        var outcome = ResultImport.Read(sheet, "results.xlsx", TestPlans.Plan(), TestPlans.NetCafe(), Draw, [], Today);
        outcome.Problems.Select(p => p.ToString()).ShouldBe(["results.xlsx:3:3: 检查结果“12”无效，应为 1–10 的结果代码"]);
    }

    [Fact]
    public void Read_XlsxDateCell_SerialAcceptedAsTheDate()
    {
        // 45422 is 2024-05-10 as Excel stores a date cell: the import once rejected it as "45422".
        var sheet = Campaigns.Core.Sheets.Sheet.Load(Xlsx.Write(
            ["统一社会信用代码", "部门", "检查结果", "检查日期"],
            [Uscc(0), "police", "1", 45422d]), "results.xlsx").Sheet!;

        var outcome = ResultImport.Read(sheet, "results.xlsx", TestPlans.Plan(), TestPlans.NetCafe(), Draw, [], Today);

        outcome.Problems.ShouldBeEmpty();
        outcome.Entries.Single().InspectedOn.ShouldBe(new DateOnly(2024, 5, 10));
    }

    [Fact]
    public void Read_DuplicateHeaderOrOverlongRow_Refused()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,检查结果
            {Uscc(0)},police,1,2024-05-10,2,多余
            """);

        outcome.Entries.ShouldBeEmpty();
        outcome.Problems.Select(p => p.ToString()).ShouldBe([
            "results.csv:1:5: 表头“检查结果”与第3列重复",
            "results.csv:2:6: 第6列有内容“多余”，但该列没有表头（此行比表头长，或单元格错位）"]);
    }

    [Fact]
    public void Read_PerCheckItem_ItemMustBelongToTheDepartment_OneResultPerItem()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,检查事项
            {Uscc(0)},market,1,2024-05-10,登记信息检查
            {Uscc(0)},market,2,2024-05-10,公示信息检查
            {Uscc(0)},market,1,2024-05-10,登记信息检查
            {Uscc(0)},police,1,2024-05-10,登记信息检查
            """);

        outcome.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "results.csv:4:2: 与第2行重复：同一检查对象同一部门同一检查事项只能有一条结果",
            "results.csv:5:5: “登记信息检查”不是县公安局在本次抽查中的检查事项（应为：互联网上网服务营业场所信息网络安全检查）",
        ]);
        var good = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,检查事项
            {Uscc(0)},market,1,2024-05-10,登记信息检查
            {Uscc(0)},market,2,2024-05-10,公示信息检查
            """);
        good.Entries.Select(e => (e.Item, e.Code)).ShouldBe([("登记信息检查", ResultCode.NoProblemFound), ("公示信息检查", ResultCode.RequiredInformationNotPublished)]);
    }

    [Fact]
    public void Read_QuestionsAnsweredOnSite_YesNoOrEmpty()
    {
        var outcome = Read($"""
            统一社会信用代码,部门,检查结果,检查日期,现场解答疑难问题
            {Uscc(0)},police,1,2024-05-10,是
            {Uscc(1)},police,1,2024-05-10,
            {Uscc(2)},police,1,2024-05-10,有
            """);
        outcome.Problems.Select(p => p.ToString()).ShouldBe(["results.csv:4:5: 现场解答疑难问题“有”无效，应为“是”或“否”（或留空）"]);
        Read($"""
            统一社会信用代码,部门,检查结果,检查日期,现场解答疑难问题
            {Uscc(0)},police,1,2024-05-10,是
            {Uscc(1)},police,1,2024-05-10,否
            """).Entries.Select(e => e.QuestionsAnswered).ShouldBe([true, false]);
    }
}
