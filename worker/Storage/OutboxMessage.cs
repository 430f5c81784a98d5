namespace Campaigns.Storage;

/// <summary>
/// A rendered message waiting in, or sent from, the outbox. Rendered when owed, so it says what was true then.
/// <see cref="Items"/> are the reminder keys a digest covers (null: only its own key).
/// </summary>
public sealed record OutboxMessage(
    string IdempotencyKey,
    string Kind,
    string? CampaignId,
    string RecipientName,
    string RecipientEmail,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<string>? Items = null);
