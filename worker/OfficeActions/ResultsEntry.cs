using System.Text;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;
using Campaigns.Documents;
using Campaigns.Storage;

namespace Campaigns.OfficeActions;

/// <summary>
/// Inspection results in (检查结果), for `results import|enter|template` and the console's upload: one validation
/// (<see cref="ResultImport"/>) checked and written in one transaction, all or nothing, and the sheet an office fills in.
/// </summary>
public static class ResultsEntry
{
    public const string NothingEntered = "未录入任何结果：请改正以上问题后重新导入。";

    /// <summary>A sheet's bytes read as a sheet, or refused (too large, unreadable) at its location.</summary>
    public static (Sheet? Sheet, ActionOutcome? Refused) Load(byte[] bytes, string path)
    {
        // Checked before parsing: a file over the limit is not parsed at all.
        if (bytes.LongLength > SheetLimits.Default.MaxFileBytes)
        {
            return (null, ActionOutcome.Refused(
                $"{path}:1:1: 文件大小 {(bytes.LongLength + (1 << 20) - 1) >> 20} MB，超过导入上限 {SheetLimits.Default.MaxFileBytes >> 20} MB，未读取", NothingEntered));
        }
        var loaded = Sheet.Load(bytes, path);
        return loaded.Sheet is { } sheet ? (sheet, null)
            : (null, new ActionOutcome(false, "", [loaded.Problem!.ToString(), NothingEntered], [ResultImport.Unreadable(loaded.Problem!)]));
    }

    /// <summary>
    /// Enters the sheet's results for <paramref name="campaignId"/>, all or none: checked against the results as they stand
    /// inside the transaction that writes, so an import running at the same time is either seen whole or waited for.
    /// <paramref name="source"/> names the sheet and who entered it, in the results and the audit trail.
    /// </summary>
    public static ActionOutcome Enter(CampaignStore store, AnnualPlan plan, string campaignId, Sheet sheet, string path, string source, DateOnly today)
    {
        if (Drawn(store, campaignId) is not { } draw)
        {
            return ActionOutcome.Refused(NotDrawn(path, campaignId));
        }
        var (outcome, added) = store.EnterResults(campaignId, source,
            entered => ResultImport.Read(sheet, path, plan, plan.Campaign(campaignId), draw, entered, today));
        if (outcome.Problems.Count > 0)
        {
            return new ActionOutcome(false, "", [.. outcome.Problems.Select(p => p.ToString()), NothingEntered], outcome.Problems);
        }
        return ActionOutcome.Success($"已录入{added}条检查结果（{outcome.Entries.Count - added}条此前已录入）" +
            (outcome.Corrections.Count > 0 ? $"，更正{outcome.Corrections.Count}条（已记入更正记录）" : "") + "。");
    }

    /// <summary>The campaign's draw as it stands (substitutions applied), or null when it has not been drawn.</summary>
    public static Draw? Drawn(CampaignStore store, string campaignId) =>
        store.Draw(campaignId) is { } draw ? Substitutions.Apply(draw, store.Substitutions(campaignId)) : null;

    public static string NotDrawn(string path, string campaignId) => $"{path}:1:1: 抽查任务“{campaignId}”尚未完成双随机抽取，不能录入检查结果";

    /// <summary>
    /// The sheet an office fills in: a row per entity, department and check item, so each item gets its own result; a
    /// department without listed items gets one row. XLSX carries the code list as a second sheet; CSV is UTF-8 with a BOM.
    /// </summary>
    public static byte[] Template(AnnualPlan plan, string campaignId, Draw draw, bool xlsx)
    {
        var campaign = plan.Campaign(campaignId);
        List<IReadOnlyList<object?>> rows = [];
        foreach (var entity in draw.Entities)
        {
            var group = draw.Groups.First(g => g.EntityUsccs.Contains(entity.Uscc));
            foreach (var department in campaign.AllDepartments.Select(plan.Department))
            {
                var inspectors = string.Join(";", group.Members.Where(m => m.DepartmentId == department.Id).Select(m => m.CertificateNumber));
                foreach (var item in campaign.Items.GetValueOrDefault(department.Id) is { Count: > 0 } items ? items : [""])
                {
                    rows.Add([entity.Uscc, department.Name, "", "", item, inspectors, "", "", "", "", "", "", ""]);
                }
            }
        }
        if (xlsx)
        {
            return Workbook.Write(
            [
                // 检查日期 as a date column, so a date picked in Excel is stored as one (the import accepts its serial).
                new WorkbookSheet("检查结果录入", ResultImport.Headers, [20, 18, 10, 12, 24, 28, 20, 10, 16, 16, 16, 16, 12],
                    [.. rows.Select(r => (IReadOnlyList<object?>)[.. r.Select((v, i) => ResultImport.Headers[i] == "检查日期" ? new WorkbookDate(null) : v)])]),
                new WorkbookSheet("结果代码", ["编号", "检查结果"], [8, 40], [.. Enum.GetValues<ResultCode>().Select(c => (IReadOnlyList<object?>)[(int)c, c.ChineseName()])]),
            ]);
        }
        var sheet = new StringBuilder("\uFEFF");
        CsvField.AppendLine(sheet, ResultImport.Headers);
        rows.ForEach(r => CsvField.AppendLine(sheet, r.Select(f => (string)f!)));
        return Encoding.UTF8.GetBytes(sheet.ToString());
    }
}
