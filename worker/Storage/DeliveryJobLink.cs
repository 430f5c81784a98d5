namespace Campaigns.Storage;

/// <summary>An outbox row not sent and the Hangfire job that owns it (none yet for a dead letter from before jobs, or lost with an in-memory job store).</summary>
public sealed record DeliveryJobLink(long Id, string State, long Attempts, string? JobId, string? LastError);
