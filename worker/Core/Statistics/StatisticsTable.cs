using Campaigns.Core.Documents;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;

namespace Campaigns.Core.Statistics;

/// <summary>
/// The 统计表 of one campaign, or the 汇总表 of an office-year (all drawn campaigns of a plan): per department and in
/// total, with the result-code distribution and the on-time rate. The one computation behind the summary report, the
/// workbook, the CSV and the chart.
/// </summary>
/// <remarks>
/// The results record only a code per entity and department, so the handling columns are read from the codes until
/// follow-up records exist: guidance from 5 (已责令改正, 002 五(四)1), the abnormal-operations list from 2 and 4, case
/// filing from 3 and 6. 现场解答疑难问题 counts the entities whose results were entered with it (是); <see cref="Note"/> says
/// how each column is counted on every copy.
/// Over a year each campaign is counted on its own and summed (户次): an entity checked in two campaigns is two checks.
/// </remarks>
public sealed record StatisticsTable(
    string Title,
    string OfficeName,
    string Period,
    DateOnly AsOf,
    int Campaigns,
    IReadOnlyList<StatisticsLine> Departments,
    StatisticsLine Total)
{
    public static readonly IReadOnlyList<ResultCode> GuidanceCodes = [ResultCode.ProblemFoundCorrectionOrdered];

    public static readonly IReadOnlyList<ResultCode> AbnormalListCodes = [ResultCode.RequiredInformationNotPublished, ResultCode.UnreachableAtRegisteredAddress];

    public static readonly IReadOnlyList<ResultCode> CaseFilingCodes = [ResultCode.PublishedInformationFalse, ResultCode.SeriousRefusalToCooperate];

    /// <summary>How the columns the results cannot give directly were filled, in the words printed under the table.</summary>
    public static string Note =>
        "现场解答疑难问题：按检查结果中“现场解答疑难问题”为“是”的检查对象统计。" +
        $"行政指导按检查结果{Codes(GuidanceCodes)}统计；应列异常名录按{Codes(AbnormalListCodes)}统计；" +
        $"涉嫌违法应立案调查按{Codes(CaseFilingCodes)}统计；发现问题按{Codes(ProblemCodes)}统计。" +
        "按期录入：在检查结果录入截止日（含当日）前录入。";

    private static IReadOnlyList<ResultCode> ProblemCodes => [.. Enum.GetValues<ResultCode>().Where(c => c.IsProblem())];

    public static StatisticsTable ForCampaign(AnnualPlan plan, CampaignResults campaign) => Compute(
        plan, [campaign], $"{campaign.Campaign.Name}统计表",
        $"{ChineseDates.Format(campaign.Campaign.Window.Start)}至{ChineseDates.Format(campaign.Campaign.Window.End)}");

    /// <summary>The office-year 汇总表 over the campaigns given (those drawn; a campaign without a draw has nothing to count).</summary>
    public static StatisticsTable ForYear(AnnualPlan plan, IReadOnlyList<CampaignResults> campaigns) => Compute(
        plan, campaigns, $"{plan.Year}年度“双随机、一公开”部门联合抽查汇总表",
        campaigns.Count == 0
            ? $"{plan.Year}年度，尚无已抽取的部门联合抽查"
            : $"{plan.Year}年度，共{campaigns.Count}次部门联合抽查（{ChineseDates.Format(campaigns.Min(c => c.Campaign.Window.Start))}至{ChineseDates.Format(campaigns.Max(c => c.Campaign.Window.End))}）");

    private static StatisticsTable Compute(AnnualPlan plan, IReadOnlyList<CampaignResults> campaigns, string title, string period)
    {
        // Lead first, as each campaign lists them; over a year, in the order departments first appear.
        var departments = campaigns.SelectMany(c => c.Campaign.AllDepartments).Distinct().ToList();
        var lines = departments.Select(d => Line(d, plan.Department(d).Name, campaigns.Where(c => c.Campaign.AllDepartments.Contains(d)).Select(c => new Part(
            [.. c.Results.Where(r => r.DepartmentId == d)],
            c.Draw.Groups.SelectMany(g => g.Members).Count(m => m.DepartmentId == d),
            c.ResultDeadline)))).ToList();
        var total = Line(null, "合计", campaigns.Select(c => new Part(
            [.. c.Results.Where(r => c.Campaign.AllDepartments.Contains(r.DepartmentId))],
            c.Draw.Groups.SelectMany(g => g.Members).Count(),
            c.ResultDeadline)));
        var asOf = campaigns.Select(c => c.Results.Count == 0 ? c.Draw.DrawnOn : c.Results.Max(r => r.EnteredOn)).DefaultIfEmpty(new DateOnly(plan.Year, 1, 1)).Max();
        return new StatisticsTable(title, plan.Office.Name, period, asOf, campaigns.Count, lines, total);
    }

    /// <summary>One campaign's share of a line: entities are distinct within a campaign, then summed.</summary>
    private sealed record Part(IReadOnlyList<ResultEntry> Rows, int Inspectors, DateOnly Deadline);

    private static StatisticsLine Line(string? departmentId, string name, IEnumerable<Part> campaigns)
    {
        var parts = campaigns.ToList();
        int Entities(Func<ResultCode, bool> which) => parts.Sum(p => p.Rows.Where(r => which(r.Code)).Select(r => r.Uscc).Distinct().Count());
        var rows = parts.SelectMany(p => p.Rows).ToList();
        return new StatisticsLine(
            departmentId,
            name,
            Entities(_ => true),
            parts.Sum(p => p.Inspectors),
            parts.Sum(p => p.Rows.Where(r => r.QuestionsAnswered).Select(r => r.Uscc).Distinct().Count()),
            rows.Count(r => r.Code.IsProblem()),
            Entities(c => c.IsProblem()),
            Entities(GuidanceCodes.Contains),
            Entities(AbnormalListCodes.Contains),
            Entities(CaseFilingCodes.Contains),
            [.. Enum.GetValues<ResultCode>().Select(c => rows.Count(r => r.Code == c))],
            rows.Count,
            parts.Sum(p => p.Rows.Count(r => r.EnteredOn <= p.Deadline)));
    }

    // GB/T 15834: items each in quotation marks are listed without 顿号 between them.
    private static string Codes(IEnumerable<ResultCode> codes) => string.Concat(codes.Select(c => $"“{(int)c} {c.ChineseName()}”"));
}
