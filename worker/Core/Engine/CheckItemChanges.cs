using Campaigns.Core.Documents;
using Campaigns.Core.Paths;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// A published plan's check-item list changes are made public within the plan's working days of the change (10, 004 §8):
/// the changed list as a document in the office's folder, the office reminded on the change day and 3, 1 and 0 working
/// days before the deadline, and after it a flag (the office is 责任单位) until `publish-check-items` confirms it.
/// </summary>
public static class CheckItemChanges
{
    public const string Deadline = "抽查事项清单调整公开截止";

    private static readonly int[] ReminderWorkingDays = [3, 1, 0];

    public static string DocumentPath(AnnualPlan plan, long sequence) => $"{DocumentPaths.OfficeFolder(plan)}/check-item-change-{sequence}.html";

    public static (IReadOnlyList<OverdueFlag> Flags, IReadOnlyList<DocumentOrder> Documents, IReadOnlyList<DeliveryOrder> Deliveries) For(
        TickContext context, IReadOnlyList<RecordedCheckItemChange> changes)
    {
        var plan = context.Plan;
        var today = context.Today;
        var flags = new List<OverdueFlag>();
        var documents = new List<DocumentOrder>();
        var deliveries = new List<DeliveryOrder>();
        foreach (var change in changes.Where(c => !(c.Publication is { } p && p.On <= today) && c.ChangedOn <= today))
        {
            var due = context.Calendar.AddWorkingDays(change.ChangedOn, plan.Rules.CheckItemChangeWorkingDays);
            var path = DocumentPath(plan, change.Sequence);
            if (!change.DocumentIssued)
            {
                documents.Add(new DocumentOrder(path, "check-item-change", DocumentModels.CheckItemChangeNotice(plan, change, due.Date), null));
            }
            if (today > due.Date)
            {
                flags.Add(new OverdueFlag(FlagKind.CheckItemsUnpublished, plan.Key, $"#{change.Sequence}", due.Date.AddDays(1),
                    $"抽查事项清单于{change.ChangedOn:yyyy-MM-dd}调整（{Summary(plan, change.Change)}），尚未向社会公开（004 §8：清单制修订的{plan.Rules.CheckItemChangeWorkingDays}个工作日内）"));
                continue;
            }
            var left = context.Calendar.CountWorkingDays(today, due.Date);
            // The change day's notice is the reminder as many days ahead as the rule gives; then 3, 1 and 0 days before.
            int[] offsets = [plan.Rules.CheckItemChangeWorkingDays, .. ReminderWorkingDays];
            if (offsets.Where(o => left <= o).Order().Cast<int?>().FirstOrDefault() is not { } offset)
            {
                continue;
            }
            foreach (var contact in plan.Office.Contacts.Where(c => c.Email is not null))
            {
                deliveries.Add(new DeliveryOrder(
                    $"{plan.Key}|reminder|check-item-change-{change.Sequence}|{offset}|{contact.Email}",
                    "reminder",
                    null,
                    contact,
                    "reminder",
                    DocumentModels.Reminder(plan, null, contact, Deadline, due.Date, left,
                        [$"向社会公开调整后的抽查事项清单（{Summary(plan, change.Change)}；004 §8），见附件",
                            $"公开后登记网址和日期（campaigns publish-check-items --change {change.Sequence} --url <网址> --on <日期>）"],
                        due.Provisional),
                    [path]));
            }
        }
        return (flags, documents, deliveries);
    }

    /// <summary>"县公安局增加X、Y，删除Z；县市场监督管理局增加W".</summary>
    public static string Summary(AnnualPlan plan, CheckItemChange change) =>
        string.Join("；", change.Departments.Select(d =>
            Name(plan, d.DepartmentId) + string.Join("，", new[]
            {
                d.Added.Count > 0 ? $"增加{string.Join("、", d.Added)}" : null,
                d.Removed.Count > 0 ? $"删除{string.Join("、", d.Removed)}" : null,
            }.OfType<string>())));

    private static string Name(AnnualPlan plan, string departmentId) =>
        plan.Departments.FirstOrDefault(d => d.Id == departmentId)?.Name ?? departmentId;
}
