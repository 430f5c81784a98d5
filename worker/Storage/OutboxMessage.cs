namespace Campaigns.Storage;

/// <summary>A rendered message waiting in, or sent from, the outbox. Rendered when owed, so it says what was true then.</summary>
public sealed record OutboxMessage(
    string IdempotencyKey,
    string Kind,
    string? CampaignId,
    string RecipientName,
    string RecipientEmail,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<string> Attachments);
