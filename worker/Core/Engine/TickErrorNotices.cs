using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Documents;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// What the office is owed when its plan's tick fails with an error the worker did not expect (a bug, a damaged store
/// row): one notice per office contact with an address, through the generic cover mail (a dedicated template would
/// read better; the cover says it plainly meanwhile). The key carries a fingerprint of the error, so a tick that keeps
/// failing the same way is told once, not every day; a different failure is told again. The other plans are not held up.
/// </summary>
public static class TickErrorNotices
{
    public const string Kind = "tick-error";

    public static IReadOnlyList<DeliveryOrder> For(AnnualPlan plan, string file, DateOnly today, string errorType, string errorMessage)
    {
        var fingerprint = Fingerprint(errorType, errorMessage);
        var subject = $"【系统错误】{plan.Year}年度抽查计划今日未能处理";
        var message =
            $"系统在{ChineseDates.Format(today)}处理年度抽查计划文件 {file} 时出错（错误编号 {fingerprint}：{errorType}），" +
            "本计划今日的状态推进、提醒和通知未能进行；其他办公室的计划不受影响。" +
            "系统在下次处理时自动重试；请系统管理员按错误编号查看 worker 日志并排除问题。同一错误只告知一次。";
        return [.. plan.Office.Contacts
            .Where(c => c.Email is not null)
            .DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
            .Select(c => new DeliveryOrder($"{plan.Key}|{Kind}|{fingerprint}|{c.Email}", Kind, null, c, "cover",
                DocumentModels.CoverMail(plan, c, subject, message), []))];
    }

    /// <summary>The fingerprint a notice carries, for the log line that goes with it.</summary>
    public static string Fingerprint(string errorType, string errorMessage) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{errorType}\n{errorMessage}")))[..12];
}
