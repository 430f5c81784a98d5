namespace Campaigns.Storage;

/// <summary>An outbox row, for listing.</summary>
public sealed record DeliveryRow(long Id, string IdempotencyKey, string Kind, string? CampaignId, string RecipientEmail, string Subject, string State, long Attempts, string CreatedAt, string? SentAt, string? LastError);
