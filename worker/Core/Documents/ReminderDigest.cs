namespace Campaigns.Core.Documents;

/// <summary>Every reminder one recipient is owed on one day, in one message (提醒汇总).</summary>
public sealed record ReminderDigest(string Subject, string OfficeName, string RecipientName, string Date, IReadOnlyList<ReminderDigest.Item> Items, string? ContactLine)
{
    /// <summary>The recipient's personal link to the web console; null when the worker has no public address (PublicBaseUrl) or console key configured.</summary>
    public string? ConsoleLink { get; init; }

    public int Count => Items.Count;

    public sealed record Item(int Number, Reminder Reminder);
}
