namespace Campaigns.Engine;

/// <summary>
/// What one dispatch pass did: messages sent, messages that failed on their own (of which dead-lettered), and whether the
/// server was unavailable (the pass then stopped, charged no attempt, and the outbox waits until <see cref="PausedUntil"/>).
/// </summary>
public sealed record DispatchResult(int Sent, int Failed, int DeadLettered, DateTimeOffset? PausedUntil)
{
    public bool ServerUnavailable => PausedUntil is not null;
}
