using Campaigns.Core.Calendar;
using Campaigns.Core.FollowUps;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;

namespace Campaigns.Web;

/// <summary>
/// One campaign: its timeline on the working-day calendar, the draw and whether it verifies, its documents, who was
/// mailed what and when, results per group, department and check item, follow-ups, and the forms the viewer may use.
/// </summary>
public sealed record CampaignPage(
    ConsoleLayout Layout,
    string Id,
    string Name,
    string PlanSlug,
    string OfficeName,
    string State,
    string Window,
    string Lead,
    string Today,
    string TimelineSvg,
    IReadOnlyList<CampaignPage.MilestoneRow> Milestones,
    CampaignPage.DrawView? Draw,
    IReadOnlyList<CampaignPage.DocumentLink> Documents,
    IReadOnlyList<CampaignPage.MailRow> Mail,
    IReadOnlyList<DepartmentProgress> Progress,
    IReadOnlyList<CampaignPage.GroupView> Groups,
    IReadOnlyList<CampaignPage.FollowUpRow> FollowUps,
    IReadOnlyList<FlagView> Flags,
    string? PublishedLine,
    CampaignPage.Permissions Can,
    IReadOnlyList<CampaignPage.ConfirmRow> ListConfirmations,
    ActionView? Outcome)
{
    public sealed record MilestoneRow(int Number, string What, string Date, string When, bool Provisional, bool Past);

    public sealed record DrawView(string DrawnOn, string Algorithm, string SeedStatus, int Eligible, int Entities, string DirectoryHash, bool Verified, IReadOnlyList<string> Differences);

    public sealed record DocumentLink(string Href, string Name);

    public sealed record MailRow(string Created, string Recipient, string Subject, string State, string? Sent);

    public sealed record GroupView(int Number, string Leader, string Members, IReadOnlyList<EntityView> Entities);

    public sealed record EntityView(string Uscc, string Name, IReadOnlyList<ResultView> Results);

    public sealed record ResultView(string Department, string? Item, string Code, bool Problem);

    public sealed record FollowUpRow(string Uscc, string DepartmentId, string Department, string Result, string Due, bool Provisional, bool Open, string? Closure, bool Overdue);

    public sealed record ConfirmRow(string DepartmentId, string Department, string? Confirmed, bool CanConfirm);

    /// <summary>The forms this viewer sees: the office's (results, publication, follow-ups) and a department's list confirmation.</summary>
    public sealed record Permissions(bool Import, bool Publish, bool CloseFollowUps, bool ConfirmList);

    public static CampaignPage Build(
        ConsoleLayout layout, ConsolePlan file, AnnualPlan plan, CampaignPlan campaign, WorkingCalendar calendar, DateOnly today, CampaignData data, Viewer viewer,
        ActionView? outcome)
    {
        var milestones = CampaignTimeline.For(plan, campaign, calendar);
        var office = viewer.IsOffice(plan);
        var mine = viewer.DepartmentsOf(plan).Select(d => d.Id).ToHashSet();
        var results = data.Results.ToLookup(r => r.Uscc);
        var entities = data.Draw?.Entities.ToDictionary(e => e.Uscc) ?? [];
        var groups = data.Draw?.Groups.Select(g => new GroupView(
            g.Number,
            g.Members.FirstOrDefault(m => m.CertificateNumber == g.LeaderCertificateNumber)?.Name ?? g.LeaderCertificateNumber,
            string.Join("、", g.Members.Select(m => $"{m.Name}（{plan.Departments.FirstOrDefault(d => d.Id == m.DepartmentId)?.Name ?? m.DepartmentId}）")),
            [.. g.EntityUsccs.Select(u => new EntityView(u, entities.TryGetValue(u, out var e) ? e.Name : u,
                [.. results[u].OrderBy(r => r.DepartmentId, StringComparer.Ordinal).ThenBy(r => r.Item, StringComparer.Ordinal).Select(r => new ResultView(
                    plan.Departments.FirstOrDefault(d => d.Id == r.DepartmentId)?.Name ?? r.DepartmentId,
                    string.IsNullOrEmpty(r.Item) ? null : r.Item,
                    $"{(int)r.Code} {r.Code.ChineseName()}",
                    r.Code.IsProblem()))]))])).ToList() ?? [];
        var confirming = campaign.Rules.ListConfirmationWorkingDays is not null && data.Draw is not null;
        return new CampaignPage(
            layout,
            campaign.Id,
            campaign.Name,
            file.Slug,
            plan.Office.Name,
            StateNames.Chinese(data.State),
            $"{campaign.Window.Start:yyyy-MM-dd} 至 {campaign.Window.End:yyyy-MM-dd}",
            plan.Department(campaign.Lead).Name,
            today.ToString("yyyy-MM-dd"),
            TimelineChart.Svg(milestones, calendar, today),
            [.. milestones.Select((m, i) => new MilestoneRow(i + 1, m.Kind.ChineseName(), m.Date.ToString("yyyy-MM-dd"), When(calendar, today, m.Date), m.Provisional, m.Date < today))],
            data.Draw is { } draw
                ? new DrawView(draw.DrawnOn.ToString("yyyy-MM-dd"), draw.Algorithm, draw.SeedStatus, draw.EligibleCount, draw.Entities.Count, draw.DirectoryHash,
                    data.DrawCheck.Count == 0, data.DrawCheck)
                : null,
            [.. data.Documents.Select(path => new DocumentLink($"/campaigns/{campaign.Id}/documents/{Uri.EscapeDataString(path)}", Path.GetFileName(path)))],
            [.. data.Mail.Select(m => new MailRow(Short(m.CreatedAt), m.RecipientEmail, m.Subject, MailState(m.State), m.SentAt is null ? null : Short(m.SentAt)))],
            DepartmentProgress.Of(plan, campaign, data.Draw, data.Results),
            groups,
            [.. data.FollowUps.Select(f => new FollowUpRow(
                f.Result.Uscc, f.Result.DepartmentId, plan.Departments.FirstOrDefault(d => d.Id == f.Result.DepartmentId)?.Name ?? f.Result.DepartmentId,
                $"{(int)f.Result.Code} {f.Result.Code.ChineseName()}", f.Due.ToString("yyyy-MM-dd"), f.Provisional, f.IsOpen,
                f.Closure is { } c ? $"{c.Action.ChineseName()}（{c.Note}，{c.ClosedOn:yyyy-MM-dd}）" : null, f.IsOpen && today > f.Due))],
            FlagView.OfPlan(plan, data.Flags, calendar, today).Where(f => f.CampaignId == campaign.Id).ToList(),
            data.Publication is { } p ? $"{p.On:yyyy-MM-dd} 公示于 {p.Url}" : null,
            new Permissions(office && data.Draw is not null, office && data.Publication is null && data.State == nameof(CampaignState.AwaitingPublication), office, confirming && (office || mine.Count > 0)),
            confirming
                ? [.. campaign.AllDepartments.Select(plan.Department).Select(d => data.Confirmations.FirstOrDefault(c => c.DepartmentId == d.Id) is { DepartmentId: not null } c
                    ? new ConfirmRow(d.Id, d.Name, $"{c.ConfirmedOn}（{c.ConfirmedBy}）", false)
                    : new ConfirmRow(d.Id, d.Name, null, office || mine.Contains(d.Id)))]
                : [],
            outcome);
    }

    private static string When(WorkingCalendar calendar, DateOnly today, DateOnly date) =>
        date == today ? "今天"
        : date > today ? $"还有{calendar.CountWorkingDays(today, date)}个工作日"
        : $"已过{calendar.CountWorkingDays(date, today)}个工作日";

    private static string MailState(string state) => state switch
    {
        "sent" => "已发送",
        "pending" => "待发送",
        "dead" => "发送失败",
        _ => state,
    };

    private static string Short(string instant) =>
        DateTimeOffset.TryParse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : instant;
}
