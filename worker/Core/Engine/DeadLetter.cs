namespace Campaigns.Core.Engine;

/// <summary>A message the outbox gave up on (dead letter): a reminder nobody received is itself a breach.</summary>
public sealed record DeadLetter(long Id, string? CampaignId, string RecipientName, string RecipientEmail, string Subject, DateOnly Since, string? LastError);
