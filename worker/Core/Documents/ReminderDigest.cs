namespace Campaigns.Core.Documents;

/// <summary>Every reminder one recipient is owed on one day, in one message (提醒汇总).</summary>
public sealed record ReminderDigest(string Subject, string OfficeName, string RecipientName, string Date, IReadOnlyList<ReminderDigest.Item> Items, string? ContactLine)
{
    public int Count => Items.Count;

    public sealed record Item(int Number, Reminder Reminder);
}
