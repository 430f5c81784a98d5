using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Documents;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// One message per recipient per day: the reminders a tick owes one address are gathered into a digest. Each
/// reminder keeps its own key as an item of the digest, so a reminder already covered is never owed again, and one
/// that appears later the same day (a plan saved at noon) goes out in a second digest rather than being lost.
/// Other messages (documents with their cover mail, breach reports) go out as they are.
/// </summary>
public static class ReminderDigests
{
    public const string Kind = "reminder";

    public static IReadOnlyList<DeliveryOrder> Gather(AnnualPlan plan, DateOnly today, IReadOnlyList<DeliveryOrder> orders)
    {
        var gathered = new List<DeliveryOrder>();
        foreach (var order in orders.Where(o => o.Kind != Kind))
        {
            gathered.Add(order);
        }
        foreach (var group in orders.Where(o => o.Kind == Kind).GroupBy(o => o.Recipient.Email!, StringComparer.OrdinalIgnoreCase))
        {
            var items = group.ToList();
            if (items.Count == 1)
            {
                gathered.Add(items[0]);
                continue;
            }
            var keys = items.Select(o => o.IdempotencyKey).Order(StringComparer.Ordinal).ToList();
            var reminders = items.Select(o => (Reminder)o.Model).ToList();
            var recipient = items[0].Recipient;
            gathered.Add(new DeliveryOrder(
                $"{plan.Key}|reminders|{today:yyyy-MM-dd}|{recipient.Email}|{Fingerprint(keys)}",
                Kind,
                null,
                recipient,
                "reminder-digest",
                new ReminderDigest(
                    $"【提醒】{ChineseDates.Format(today)}待办事项{reminders.Count}项：{string.Join("；", reminders.Select(r => r.Milestone).Distinct())}",
                    plan.Office.Name,
                    recipient.Name,
                    ChineseDates.Format(today),
                    [.. reminders.Select((r, i) => new ReminderDigest.Item(i + 1, r))],
                    reminders[0].ContactLine),
                [.. items.SelectMany(o => o.Attachments).Distinct()],
                keys));
        }
        return gathered;
    }

    /// <summary>The first 12 hex digits of SHA-256 over the item keys: the same items give the same digest key.</summary>
    private static string Fingerprint(IEnumerable<string> keys) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", keys))))[..12];
}
