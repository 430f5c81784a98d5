using Campaigns.Core.Documents;
using Campaigns.Core.Draws;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Timeline;

namespace Campaigns.Core.Engine;

/// <summary>The documents and messages each transition owes (seed 001 last page, 003 §20(二), 001 (十一)).</summary>
internal sealed class CampaignEffects(AnnualPlan plan, CampaignPlan campaign, IReadOnlyDictionary<MilestoneKind, Milestone> milestones)
{
    public List<DocumentOrder> Documents { get; } = [];

    public List<DeliveryOrder> Deliveries { get; } = [];

    private string Folder => Paths.DocumentPaths.CampaignFolder(plan.Year, campaign.Id);

    private IReadOnlyList<Milestone> Timeline => [.. milestones.Values.OrderBy(m => m.Date)];

    public void OnTransition(CampaignTrigger trigger, Draw? draw, IReadOnlyList<ResultEntry> results)
    {
        switch (trigger)
        {
            case CampaignTrigger.Draw:
                Documents.Add(new DocumentOrder($"{Folder}/draw-record.json", null, draw!, campaign.Id));
                Document("draw-record", "draw-record", DocumentModels.DrawRecord(plan, campaign, draw!));
                break;
            case CampaignTrigger.Notify:
                Notify(draw!);
                break;
            case CampaignTrigger.PreparePublicity:
                var publicity = Document("results-publicity", "results-publicity", DocumentModels.ResultsPublicity(plan, campaign, draw!, results));
                foreach (var contact in plan.Office.Contacts)
                {
                    Cover("results-publicity", contact, $"请公示{campaign.Name}抽查结果",
                        $"本次抽查检查结果已全部录入，抽查结果公示表见附件，请按“谁检查、谁录入、谁公示”要求于{DateText(MilestoneKind.PublicityDeadline)}前" +
                        $"在信用信息公示系统和政府网站公示（002 五(三)7、003 §20(四)、004 §23），公示后登记公示网址和日期：campaigns publish --campaign {campaign.Id} --url <网址> --on <日期>。" +
                        (milestones.ContainsKey(MilestoneKind.BulletinDeadline)
                            ? $"另请按“一抽查一通报”要求于{DateText(MilestoneKind.BulletinDeadline)}前在政府门户网站通报抽查情况（001 (十一)），通报后登记：campaigns publish --bulletin --campaign {campaign.Id} --url <网址> --on <日期>。"
                            : ""),
                        [publicity]);
                }
                // 谁检查、谁录入、谁公示: where the plan asks each department to publish its own, each hears it too.
                foreach (var contact in campaign.Rules.PublicityByDepartment ? campaign.AllDepartments.SelectMany(d => plan.Department(d).Contacts) : [])
                {
                    Cover("results-publicity", contact, $"请公示{campaign.Name}本部门抽查结果",
                        $"本次抽查检查结果已全部录入，抽查结果公示表见附件，请按“谁检查、谁录入、谁公示”要求于{DateText(MilestoneKind.PublicityDeadline)}前" +
                        "在信用信息公示系统公示本部门的抽查结果（002 五(三)7、003 §20(四)、004 §23），公示后登记：" +
                        $"campaigns publish --campaign {campaign.Id} --department <部门代码> --url <网址> --on <日期>。", [publicity]);
                }
                break;
            case CampaignTrigger.Report:
                // One table for every copy: printed (HTML), and for offices that keep their figures in Excel (the shell
                // encodes a statistics table ordered without a template as a workbook; the CSV is bytes already).
                var statistics = Statistics.StatisticsTable.ForCampaign(plan, new Statistics.CampaignResults(
                    campaign, draw!, results, milestones[MilestoneKind.ResultEntryDeadline].Date));
                var summary = Document("summary-report", "summary-report", DocumentModels.SummaryReport(statistics));
                var workbook = $"{Folder}/statistics.xlsx";
                Documents.Add(new DocumentOrder(workbook, null, statistics, campaign.Id));
                var csv = $"{Folder}/statistics.csv";
                Documents.Add(new DocumentOrder(csv, null, Statistics.StatisticsCsv.Write(statistics), campaign.Id));
                foreach (var contact in plan.Office.Contacts.Concat(plan.Leaders))
                {
                    Cover("summary-report", contact, $"{campaign.Name}统计表及工作总结",
                        "本次部门联合抽查的统计表及工作总结见附件（网页版可直接打印，Excel表格和CSV文件可用于汇总）。", [summary, workbook, csv]);
                }
                break;
            case CampaignTrigger.Cancel:
                foreach (var contact in campaign.AllDepartments.SelectMany(d => plan.Department(d).Contacts))
                {
                    Cover("cancellation", contact, $"{campaign.Name}已取消", $"本次部门联合抽查已取消。原因：{campaign.CancelledReason}", []);
                }
                break;
            default:
                break;
        }
    }

    private void Notify(Draw draw)
    {
        // The 一企一表 is a file per inspection group, each page numbered as in the draw: the form is dispatched to the
        // inspectors matched to the entity (002 (三)4), so a group's inspectors get their own pages and not the other
        // groups' names, and the lead department prints a stack per group.
        IReadOnlyList<string> forms = [.. draw.Groups.Select(g => Document(
            $"inspection-record-group-{g.Number}", "inspection-record", DocumentModels.InspectionRecordForm(plan, campaign, draw, g)))];
        // One file of a page per entity, not a file per entity: the lead department prints and serves them together.
        IReadOnlyList<string> notices = campaign.AnnounceToEntities
            ? [Document("entity-notices", "entity-notice", DocumentModels.EntityNotices(plan, campaign, draw.Entities, Timeline))]
            : [];

        var deadlines = Deadlines(draw);
        foreach (var departmentId in campaign.AllDepartments)
        {
            var department = plan.Department(departmentId);
            var letter = Document($"department-letter-{Paths.PortableName.Segment(departmentId)}", "department-letter",
                DocumentModels.DepartmentLetter(plan, campaign, draw, departmentId, Timeline));
            // The lead department organises the visits, so it receives the entity notices to serve.
            IReadOnlyList<string> attachments = departmentId == campaign.Lead
                ? [letter, .. forms, deadlines, .. notices]
                : [letter, .. forms, deadlines];
            foreach (var contact in department.Contacts)
            {
                Cover("department-letter", contact, $"关于抽调{campaign.Name}检查人员的函",
                    $"{campaign.Name}已完成双随机抽取，抽调人员函及各检查组一企一表见附件，请通知被抽取人员按时参加。", attachments);
            }
        }

        var visitedBy = GroupEntities.Of(draw);
        foreach (var (group, form) in draw.Groups.Zip(forms))
        {
            var visited = visitedBy[group.Number];
            var calendar = GroupCalendarPath(plan, campaign.Id, group.Number);
            Documents.Add(new DocumentOrder(calendar, null, CalendarFile.Write([GroupWindow(group, visited)], draw.DrawnOn), campaign.Id));
            var text = $"您已被随机抽取为{campaign.Name}第{group.Number}检查组检查人员（{GroupLine(group)}），" +
                $"检查时间为{ChineseDates.Format(campaign.Window.Start)}至{ChineseDates.Format(campaign.Window.End)}，" +
                $"检查对象：{string.Join("；", visited.Select(e => $"{e.Name}（{e.Address}）"))}。本组一企一表及日程（.ics）见附件。";
            foreach (var inspector in group.Members.Where(m => m.Email is not null))
            {
                Cover("inspector-assignment", new Contact(inspector.Name, inspector.Email, null), $"您已被抽取参加{campaign.Name}", text,
                    [form, calendar]);
            }
        }
    }

    /// <summary>The calendar file of one inspection group's window, attached to its assignment and window-start reminder.</summary>
    public static string GroupCalendarPath(AnnualPlan plan, string campaignId, int group) => $"{Paths.DocumentPaths.CampaignFolder(plan.Year, campaignId)}/group-{group}.ics";

    private static string GroupLine(InspectionGroup group) =>
        $"组长：{group.Members.Single(m => m.CertificateNumber == group.LeaderCertificateNumber).Name}；" +
        $"组员：{string.Join("、", group.Members.Where(m => m.CertificateNumber != group.LeaderCertificateNumber).Select(m => m.Name))}";

    private CalendarFile.Event GroupWindow(InspectionGroup group, IReadOnlyList<DrawnEntity> visited) => new(
        $"{campaign.Id}-group-{group.Number}@campaigns.local",
        campaign.Window.Start,
        campaign.Window.End,
        $"{campaign.Name} 第{group.Number}检查组实地检查",
        $"{GroupLine(group)}\n检查对象：\n" +
        string.Join("\n", visited.Select((e, i) => $"{i + 1}. {e.Name}（{e.Address}）")) +
        $"\n检查结果录入截止：{DateText(MilestoneKind.ResultEntryDeadline)}");

    /// <summary>A milestone's date as offices read it; a date counted through a year with no holiday notice yet says 暂定, as mails do.</summary>
    private string DateText(MilestoneKind kind) =>
        ChineseDates.Format(milestones[kind].Date) + (milestones[kind].Provisional ? "（暂定：该年节假日安排尚未公布）" : "");

    /// <summary>The deadlines a department works to, as calendar events; a provisional one is marked 暂定 in its title too.</summary>
    private string Deadlines(Draw draw)
    {
        MilestoneKind[] kinds = [MilestoneKind.ResultEntryDeadline, MilestoneKind.PublicityDeadline, MilestoneKind.BulletinDeadline, MilestoneKind.SummaryDue];
        var path = $"{Folder}/deadlines.ics";
        Documents.Add(new DocumentOrder(path, null, CalendarFile.Write(
            kinds.Where(milestones.ContainsKey).Select(k => new CalendarFile.Event(
                $"{campaign.Id}-{k.WireName()}@campaigns.local", milestones[k].Date, milestones[k].Date,
                $"{campaign.Name}：{k.ChineseName()}{(milestones[k].Provisional ? "（暂定）" : "")}", $"{k.ChineseName()}：{DateText(k)}")),
            draw.DrawnOn), campaign.Id));
        return path;
    }

    private string Document(string name, string template, object model)
    {
        var path = $"{Folder}/{name}.html";
        Documents.Add(new DocumentOrder(path, template, model, campaign.Id));
        return path;
    }

    private void Cover(string kind, Contact recipient, string subject, string message, IReadOnlyList<string> attachments)
    {
        if (recipient.Email is null)
        {
            return;
        }
        Deliveries.Add(new DeliveryOrder(
            $"{campaign.Id}|{kind}|{recipient.Email}",
            kind,
            campaign.Id,
            recipient,
            "cover",
            DocumentModels.CoverMail(plan, recipient, subject, message),
            attachments));
    }
}
