using Campaigns.Core.Plans;

namespace Campaigns.Web;

/// <summary>The admin's page: the plans loaded (which version runs, each problem at line:column), the directories, the jobs dashboard.</summary>
public sealed record AdminPage(ConsoleLayout Layout, IReadOnlyList<AdminPage.PlanRow> Plans, IReadOnlyList<AdminPage.DirectoryRow> Directories, string JobsHref)
{
    public sealed record PlanRow(string File, string? Slug, string? Office, string Status, bool Broken, IReadOnlyList<string> Problems);

    public sealed record DirectoryRow(string File, string Sha256, string Modified, int Rows);

    public static PlanRow Row(ConsolePlan plan)
    {
        var errors = plan.Problems.Any(p => p.Severity == ProblemSeverity.Error);
        var status = !errors ? "正常运行"
            : plan.Plan is not null ? $"有错误，仍按上一个正确版本（{plan.LastGood!.Sha256[..12]}，{plan.LastGood.AcceptedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}）运行"
            : "有错误，且从无正确版本：未运行";
        return new PlanRow(plan.File, plan.Plan is null ? null : plan.Slug, plan.Plan?.Office.Name, status, errors,
            [.. plan.Problems.Select(p => $"第{p.Location.Line}行第{p.Location.Column}列（{p.Location}）：{(p.Severity == ProblemSeverity.Error ? "错误" : "警告")}：{p.Message}")]);
    }
}
