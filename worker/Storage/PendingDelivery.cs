namespace Campaigns.Storage;

/// <summary>
/// An outbox row claimed for sending. <see cref="Unreadable"/> says why its stored message could not be read (a damaged
/// packed body): such a row is dead-lettered with that reason, and the rows around it are sent as usual.
/// </summary>
public sealed record PendingDelivery(long Id, int Attempts, OutboxMessage Message, string? Unreadable = null);
