namespace Campaigns.Storage;

/// <summary>An outbox row claimed for sending.</summary>
public sealed record PendingDelivery(long Id, int Attempts, OutboxMessage Message);
