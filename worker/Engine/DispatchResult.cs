namespace Campaigns.Engine;

/// <summary>
/// What one dispatch pass did: messages sent, the messages that failed on their own (of which dead-lettered), and whether
/// the server was unavailable (the pass then stopped and charged no attempt; the next sweep's pass tries again).
/// </summary>
public sealed record DispatchResult(int Sent, IReadOnlyList<DeliveryFailure> Failures, bool ServerUnavailable)
{
    public int Failed => Failures.Count;

    public int DeadLettered => Failures.Count(f => f.Dead);
}
