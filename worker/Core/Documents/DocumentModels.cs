using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Statistics;
using Campaigns.Core.Timeline;

namespace Campaigns.Core.Documents;

/// <summary>
/// Builds every document's model from the core records, with names resolved and dates written the Chinese
/// way, so templates only place text.
/// </summary>
public static class DocumentModels
{
    public static PlanPublication PlanPublication(AnnualPlan plan, IReadOnlyList<Milestone> milestones) => new(
        $"{plan.Year}年度“双随机、一公开”部门联合抽查计划公示",
        plan.Office.Name,
        plan.Year,
        ChineseDates.Format(plan.Office.PublishedOn ?? plan.Office.PublishBy),
        [.. plan.Campaigns.Where(c => c.CancelledReason is null).Select((c, i) => new PlanPublication.CampaignEntry(
            i + 1,
            c.Name,
            plan.Department(c.Lead).Name,
            c.Participants.Count == 0 ? "无" : string.Join("、", c.Participants.Select(p => plan.Department(p).Name)),
            Scope(c.Scope),
            $"不低于{ChineseDates.Percent(c.Sampling.Ratio)}，至少{c.Sampling.Minimum}户",
            ChineseDates.Format(c.DrawOn),
            $"{ChineseDates.Format(c.Window.Start)}至{ChineseDates.Format(c.Window.End)}",
            Deadline(milestones, c.Id, MilestoneKind.ResultEntryDeadline),
            c.AnnounceToEntities ? "检查前通知检查对象" : "不事先通知检查对象",
            Items(plan, c)))]);

    /// <summary>The check-item list after <paramref name="change"/>, every department of the plan, the changed ones marked.</summary>
    public static CheckItemChangeNotice CheckItemChangeNotice(AnnualPlan plan, Engine.RecordedCheckItemChange change, DateOnly due)
    {
        var list = CheckItemList.Of(plan);
        var changed = change.Change.Departments.ToDictionary(d => d.DepartmentId);
        return new(
            $"{plan.Year}年度“双随机、一公开”抽查事项清单调整公告",
            plan.Office.Name,
            plan.Year,
            ChineseDates.Format(change.ChangedOn),
            plan.Rules.CheckItemChangeWorkingDays,
            ChineseDates.Format(due),
            [.. plan.Departments.Select(d => d.Id).Concat(changed.Keys.Where(k => plan.Departments.All(d => d.Id != k))).Select(id => new CheckItemChangeNotice.Row(
                plan.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id,
                changed.TryGetValue(id, out var c) && c.Added.Count > 0 ? string.Join("、", c.Added) : "无",
                changed.TryGetValue(id, out var r) && r.Removed.Count > 0 ? string.Join("、", r.Removed) : "无",
                list.TryGetValue(id, out var items) && items.Count > 0 ? string.Join("、", items) : "无"))]);
    }

    public static DepartmentLetter DepartmentLetter(AnnualPlan plan, CampaignPlan campaign, Draw draw, string departmentId, IReadOnlyList<Milestone> milestones)
    {
        var members = draw.Groups.SelectMany(g => g.Members).ToList();
        var leaders = draw.Groups.Select(g => g.LeaderCertificateNumber).ToHashSet();
        var lead = plan.Department(campaign.Lead).Name;
        return new DepartmentLetter(
            "关于抽调贵单位人员参加跨部门联合抽查的函",
            plan.Office.Name,
            plan.Department(departmentId).Name,
            campaign.Name,
            ChineseDates.Format(draw.DrawnOn),
            members.Count,
            campaign.AllDepartments.Count,
            [.. members.Where(m => m.DepartmentId == departmentId).Select(m =>
                new DepartmentLetter.Member(m.Name, m.CertificateNumber, leaders.Contains(m.CertificateNumber) ? "组长" : "组员"))],
            $"{ChineseDates.Format(campaign.Window.Start)}上午9:00",
            lead,
            ChineseDates.Format(campaign.Window.Start),
            ChineseDates.Format(campaign.Window.End),
            lead,
            ContactLine(plan),
            ChineseDates.Format(draw.DrawnOn));
    }

    /// <summary>The draw record for the file, with the substitutions appended so far (rendered again after each one).</summary>
    public static DrawRecordDocument DrawRecord(AnnualPlan plan, CampaignPlan campaign, Draw draw, IReadOnlyList<Substitution>? substitutions = null)
    {
        var groupOf = GroupEntities.GroupOf(draw);
        string Named(DrawnInspector m) => $"{m.Name}（{plan.Department(m.DepartmentId).Name}，{m.CertificateNumber}）";
        var names = draw.Groups.SelectMany(g => g.Members).Concat((substitutions ?? []).Select(s => s.Replacement))
            .DistinctBy(m => m.CertificateNumber).ToDictionary(m => m.CertificateNumber, Named);
        var rule = draw.Rule;
        var ratios = rule.RatioByRisk.Count == 0
            ? $"抽取比例{ChineseDates.Percent(rule.Ratio)}"
            : $"按信用风险分类抽取：{string.Join("，", rule.RatioByRisk.Select(r => $"{r.Key}类{ChineseDates.Percent(r.Value)}"))}，其他{ChineseDates.Percent(rule.Ratio)}";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.Office.TimeZone);
        string Seen(DateTimeOffset at) => $"{ChineseDates.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime))}{TimeZoneInfo.ConvertTime(at, zone):HH:mm}";
        var inspectorRule = draw.InspectorRule;
        return new DrawRecordDocument(
            "“双随机、一公开”部门联合抽查抽取记录",
            plan.Office.Name,
            campaign.Name,
            ChineseDates.Format(draw.DrawnOn),
            draw.Algorithm,
            draw.Seed,
            draw.SeedCommitment,
            draw.SeedStatus,
            [.. draw.Commitments.Select(c => c.Replaces is null
                ? $"承诺值 {c.Commitment} 首次见于计划 {c.PlanFile}（版本 {c.PlanSha256[..12]}…，{Seen(c.FirstSeenAt)}）{(c.SeedRevealedWithIt ? "，与种子同时出现" : "")}"
                : $"重新承诺：{c.Commitment} 替换 {c.Replaces}，理由：{c.Reason}，批准：{c.ApprovedBy}（见于计划 {c.PlanFile} 版本 {c.PlanSha256[..12]}…，{Seen(c.FirstSeenAt)}）")],
            draw.DirectoryHash,
            [.. draw.Snapshot.Select(f => $"{f.File}：SHA-256 {f.Sha256}")],
            $"{Scope(campaign.Scope)}；{ratios}，向上取整，至少{rule.Minimum}户；因年度联合抽查次数已满（{rule.YearlyCap}次）排除{rule.Excluded.Count}户；" +
                $"{inspectorRule.Groups}个检查组，每组每部门{inspectorRule.InspectorsPerDepartment}名，每部门名录库至少{inspectorRule.MinimumPerDepartment}名持有效执法证的人员（004 §14）",
            draw.EligibleCount,
            [.. draw.Strata.Select(s => new DrawRecordDocument.StratumLine(
                s.RiskClass == EntitySelection.Unstratified ? "全部" : s.RiskClass, ChineseDates.Percent(s.Ratio), s.Eligible, s.ByRatio, s.TopUp, s.Drawn))],
            [.. draw.Entities.Select((e, i) => new DrawRecordDocument.EntityLine(i + 1, e.Name, e.Uscc, e.RiskClass, groupOf[e.Uscc].Number))],
            [.. draw.Groups.Select(g => new DrawRecordDocument.GroupLine(g.Number, names[g.LeaderCertificateNumber],
                string.Join("；", g.Members.Where(m => m.CertificateNumber != g.LeaderCertificateNumber).Select(m => names[m.CertificateNumber]))))],
            [.. draw.Recusals.Select(r => $"第{r.Group}检查组：执法证号{r.CertificateNumber}与检查对象{r.Uscc}存在利害关系，依法回避，由下一名抽中人员替补")],
            [.. (substitutions ?? []).Select(s => new DrawRecordDocument.SubstitutionLine(
                s.Sequence, ChineseDates.Format(s.On), s.Group, names.GetValueOrDefault(s.Replaced, s.Replaced), names[s.Replacement.CertificateNumber], s.Reason, s.ApprovedBy,
                $"候选{s.PoolSize}人（SHA-256 {s.PoolSha256[..12]}…），随机数标签 {s.Label}"))],
            "campaigns verify-draw draw-record.json --directory snapshot（或 python3 ops/verify_draw.py draw-record.json --directory snapshot）；加 --year <年度抽取记录文件夹> 可复核年度排除名单");
    }

    public static EntityNotices EntityNotices(AnnualPlan plan, CampaignPlan campaign, IEnumerable<DrawnEntity> entities, IReadOnlyList<Milestone> milestones)
    {
        IReadOnlyList<EntityNotice> notices = [.. entities.Select(e => EntityNotice(plan, campaign, e, milestones))];
        return new EntityNotices($"{campaign.Name}检查通知书（共{notices.Count}份）", notices);
    }

    public static EntityNotice EntityNotice(AnnualPlan plan, CampaignPlan campaign, DrawnEntity entity, IReadOnlyList<Milestone> milestones) => new(
        "“双随机、一公开”部门联合抽查检查通知书",
        plan.Office.Name,
        entity.Name,
        entity.Uscc,
        entity.Address,
        campaign.Name,
        string.Join("、", campaign.AllDepartments.Select(d => plan.Department(d).Name)),
        ChineseDates.Format(campaign.Window.Start),
        ChineseDates.Format(campaign.Window.End),
        Items(plan, campaign),
        plan.Department(campaign.Lead).Name,
        ContactLine(plan),
        ChineseDates.Format(campaign.DrawOn));

    /// <summary>
    /// One inspection group's 一企一表 (what its inspectors are sent, 002 (三)4): a page for each entity the group visits,
    /// with the group's inspectors. A page keeps the entity's number in the draw, so the groups' files together number 1
    /// to N as the draw record does.
    /// </summary>
    public static InspectionRecordForm InspectionRecordForm(AnnualPlan plan, CampaignPlan campaign, Draw draw, InspectionGroup group)
    {
        var groupOf = GroupEntities.GroupOf(draw);
        return new InspectionRecordForm(
            "部门联合抽查情况记录表",
            campaign.Name,
            Items(plan, campaign),
            [new InspectionRecordForm.Group(group.Number, [.. group.Members.Select(m =>
                new InspectionRecordForm.Inspector(m.Name, plan.Department(m.DepartmentId).Name, m.CertificateNumber,
                    m.CertificateNumber == group.LeaderCertificateNumber ? "组长" : "组员"))])],
            [.. draw.Entities
                .Select((e, i) => new InspectionRecordForm.Page(i + 1, e.Name, e.Uscc, e.LegalRepresentative, e.Address, groupOf[e.Uscc].Number))
                .Where(p => p.Group == group.Number)],
            [.. Enum.GetValues<ResultCode>().Select(c => new InspectionRecordForm.Code((int)c, c.ChineseName()))]);
    }

    public static ResultsPublicity ResultsPublicity(AnnualPlan plan, CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results)
    {
        var names = draw.Entities.ToDictionary(e => e.Uscc, e => e.Name);
        var order = draw.Entities.Select((e, i) => (e.Uscc, i)).ToDictionary(x => x.Uscc, x => x.i);
        var departments = campaign.AllDepartments.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        return new ResultsPublicity(
            $"{campaign.Name}结果公示",
            plan.Office.Name,
            campaign.Name,
            $"{ChineseDates.Format(campaign.Window.Start)}至{ChineseDates.Format(campaign.Window.End)}",
            [.. results.Where(r => names.ContainsKey(r.Uscc))
                .OrderBy(r => order[r.Uscc]).ThenBy(r => departments.GetValueOrDefault(r.DepartmentId))
                .Select((r, i) => new ResultsPublicity.Row(
                    i + 1,
                    names[r.Uscc], r.Uscc, plan.Department(r.DepartmentId).Name,
                    // A result for one item names it; one for all the department's items lists them; "—" marks none listed.
                    r.Item ?? (campaign.Items.GetValueOrDefault(r.DepartmentId) is { Count: > 0 } items ? string.Join("、", items) : "—"),
                    r.Code.ChineseName()))],
            ChineseDates.Format(LastEntry(results, draw)));
    }

    /// <summary>The statistics table of one campaign, from <see cref="StatisticsTable.ForCampaign"/>.</summary>
    public static SummaryReport SummaryReport(AnnualPlan plan, CampaignPlan campaign, Draw draw, IReadOnlyList<ResultEntry> results, DateOnly resultDeadline) =>
        SummaryReport(StatisticsTable.ForCampaign(plan, new CampaignResults(campaign, draw, results, resultDeadline)));

    /// <summary>The printed copy of a 统计表 or 汇总表; the workbook and CSV are written from the same table.</summary>
    public static SummaryReport SummaryReport(StatisticsTable table)
    {
        static SummaryReport.Line LineOf(StatisticsLine l) => new(
            l.Department, l.EntitiesChecked, l.InspectorsDrawn, l.QuestionsAnswered, l.ProblemItems, l.EntitiesWithProblems,
            l.AdministrativeGuidance, l.ToListAbnormal, l.ToFileCases);
        static SummaryReport.OnTimeLine OnTimeOf(StatisticsLine l) =>
            new(l.Department, l.Results, l.EnteredOnTime, l.OnTimeRate is { } rate ? ChineseDates.Percent(rate) : "无检查结果");
        return new SummaryReport(
            table.Title,
            table.OfficeName,
            table.Period,
            [.. table.Departments.Select(LineOf)],
            LineOf(table.Total),
            [.. table.Departments.Select(d => d.Department)],
            [.. Enum.GetValues<ResultCode>().Select(c => new SummaryReport.CodeRow(
                (int)c, c.ChineseName(), [.. table.Departments.Select(d => d.Count(c))], table.Total.Count(c)))],
            [.. table.Departments.Append(table.Total).Select(OnTimeOf)],
            OnTimeOf(table.Total).Rate,
            StatisticsChart.ResultCodes(table),
            StatisticsChart.OnTime(table),
            "注：" + StatisticsTable.Note,
            ChineseDates.Format(table.AsOf),
            WorkSummary(table));
    }

    /// <summary>
    /// The 工作总结 skeleton: what was done, found and followed up, in the figures of the table, so the office writes
    /// only the fourth part (problems met and next steps) itself.
    /// </summary>
    private static IReadOnlyList<string> WorkSummary(StatisticsTable table)
    {
        var t = table.Total;
        var subject = table.Campaigns > 1 ? $"{table.Campaigns}项部门联合抽查" : table.Title.Replace("统计表", "").Replace("汇总表", "");
        var problems = Enum.GetValues<ResultCode>().Where(c => c.IsProblem() && t.Count(c) > 0).Select(c => $"“{c.ChineseName()}”{t.Count(c)}条").ToList();
        return
        [
            $"一、基本情况。{table.OfficeName}组织{string.Join("、", table.Departments.Select(d => d.Department))}开展{subject}（检查时间：{table.Period}），" +
                $"随机抽取检查对象{t.EntitiesChecked}户（次），随机选派执法检查人员{t.InspectorsDrawn}人（次）。",
            $"二、检查结果。共形成检查结果{t.Results}条，其中“未发现问题”{t.Count(ResultCode.NoProblemFound)}条、“合格”{t.Count(ResultCode.Compliant)}条；" +
                (problems.Count == 0 ? "未发现问题。" : $"发现问题{t.ProblemItems}项，涉及检查对象{t.EntitiesWithProblems}户，其中{string.Join("、", problems)}。"),
            $"三、后续处理。行政指导{t.AdministrativeGuidance}户，应列入经营异常名录{t.ToListAbnormal}户，涉嫌违法应立案调查{t.ToFileCases}户；" +
                $"检查结果按期录入率{(t.OnTimeRate is { } rate ? ChineseDates.Percent(rate) : "无检查结果")}。",
            "四、存在的问题和下一步工作。（由办公室根据实际情况填写。）",
        ];
    }

    public static Reminder Reminder(
        AnnualPlan plan, string? campaignName, Contact recipient, MilestoneKind kind, DateOnly due, int workingDaysLeft, IReadOnlyList<string> openItems,
        bool provisional = false) =>
        Reminder(plan, campaignName, recipient, kind.ChineseName(), due, workingDaysLeft, openItems, provisional);

    /// <summary>A reminder before a deadline that is not a plan milestone (a follow-up's 7 working days), named as given.</summary>
    /// <remarks>A date counted through a year whose holiday notice is not out yet says so (暂定): it may still move.</remarks>
    public static Reminder Reminder(
        AnnualPlan plan, string? campaignName, Contact recipient, string deadline, DateOnly due, int workingDaysLeft, IReadOnlyList<string> openItems,
        bool provisional = false) => new(
        $"【提醒】{campaignName ?? $"{plan.Year}年度抽查计划"}：{deadline}（{ChineseDates.Format(due)}{(provisional ? "，暂定" : "")}）",
        plan.Office.Name,
        recipient.Name,
        campaignName,
        deadline,
        ChineseDates.Format(due) + (provisional ? "（暂定：该年节假日安排尚未公布）" : ""),
        workingDaysLeft,
        openItems,
        ContactLine(plan));

    /// <summary>An overdue notice (催办通知) to whoever must still act, on the days the leaders' report goes out.</summary>
    public static Reminder OverdueNotice(AnnualPlan plan, string? campaignName, Contact recipient, string deadline, DateOnly due, int workingDaysOverdue, IReadOnlyList<string> openItems) => new(
        $"【催办】{campaignName ?? $"{plan.Year}年度抽查计划"}：{deadline}已超期{workingDaysOverdue}个工作日",
        plan.Office.Name,
        recipient.Name,
        campaignName,
        deadline,
        ChineseDates.Format(due),
        0,
        openItems,
        ContactLine(plan),
        workingDaysOverdue);

    /// <summary>The leaders' breach report; with <paramref name="escalatedAfter"/>, the one for the next level up.</summary>
    public static BreachReport BreachReport(AnnualPlan plan, DateOnly date, IReadOnlyList<BreachItem> items, int? escalatedAfter = null) => new(
        escalatedAfter is { } after
            ? $"【超期升级报告】{plan.Office.Name}{ChineseDates.Format(date)}：{items.Count}项超期{after}个工作日以上"
            : $"【超期报告】{plan.Office.Name}{ChineseDates.Format(date)}：{items.Count}项超期",
        plan.Office.Name,
        ChineseDates.Format(date),
        [.. items.Select((item, i) => new BreachReport.Row(
            i + 1, item.CampaignName ?? $"{plan.Year}年度抽查计划", item.What, item.Whose, ChineseDates.Format(item.Since), item.WorkingDaysOverdue))]);

    /// <summary>
    /// The office's notice that <paramref name="file"/> (version <paramref name="badSha256"/>) does not parse and that
    /// <paramref name="running"/> (version <paramref name="runningSha256"/>, accepted at <paramref name="acceptedAt"/>) keeps running.
    /// Versions are shown as the first 12 hex digits of the file's SHA-256, enough to tell saves apart in a mail.
    /// </summary>
    public static PlanErrorNotice PlanError(
        AnnualPlan running, Contact recipient, string file, string badSha256, IReadOnlyList<PlanProblem> problems, string runningSha256, DateTimeOffset acceptedAt)
    {
        var local = TimeZoneInfo.ConvertTime(acceptedAt, TimeZoneInfo.FindSystemTimeZoneById(running.Office.TimeZone));
        return new PlanErrorNotice(
            $"【计划文件有误】{running.Year}年度抽查工作计划文件有误，仍按上一版执行",
            running.Office.Name,
            recipient.Name,
            file,
            badSha256[..12],
            [.. problems.Select((p, i) => new PlanErrorNotice.Problem(
                i + 1, p.Location.Line, p.Location.Column, p.Severity == ProblemSeverity.Warning ? $"（警告）{p.Message}" : p.Message))],
            $"{ChineseDates.Format(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}",
            runningSha256[..12]);
    }

    public static CoverMail CoverMail(AnnualPlan plan, Contact recipient, string subject, string message) =>
        new(subject, plan.Office.Name, recipient.Name, message, ContactLine(plan));

    /// <summary>
    /// Departments with check items, in plan order. A participant without items (the validator only warns) is left
    /// out rather than printed with an empty 检查事项 cell.
    /// </summary>
    private static IReadOnlyList<DepartmentItems> Items(AnnualPlan plan, CampaignPlan campaign) =>
        [.. campaign.AllDepartments.Where(d => campaign.Items.GetValueOrDefault(d) is { Count: > 0 })
            .Select(d => new DepartmentItems(plan.Department(d).Name, campaign.Items[d]))];

    private static string Scope(CampaignScope scope) =>
        string.Join("，", new[] { scope.Industry is null ? null : $"行业：{scope.Industry}", scope.Region is null ? null : $"区域：{scope.Region}" }
            .OfType<string>().DefaultIfEmpty("本辖区全部检查对象"));

    private static string Deadline(IReadOnlyList<Milestone> milestones, string campaignId, MilestoneKind kind) =>
        milestones.FirstOrDefault(m => m.CampaignId == campaignId && m.Kind == kind) is { } m
            ? ChineseDates.Format(m.Date) + (m.Provisional ? "（暂定）" : "")
            : "";

    /// <summary>Null when the office lists no contact: the letter then has no contact line rather than an empty one.</summary>
    private static string? ContactLine(AnnualPlan plan) => plan.Office.Contacts.Count == 0
        ? null
        : string.Join("；", plan.Office.Contacts.Select(c => $"联系人：{c.Name}" + (c.Phone is null ? "" : $"，联系电话：{c.Phone}")));

    private static DateOnly LastEntry(IReadOnlyList<ResultEntry> results, Draw draw) =>
        results.Count == 0 ? draw.DrawnOn : results.Max(r => r.EnteredOn);
}
