using System.Data.Common;
using Dapper;

namespace Campaigns.Storage;

/// <summary>
/// Outbox rows claimed for sending (<see cref="CampaignStore.ClaimBatch"/>), held until every row is settled or the batch
/// is disposed. A sent row is settled once its mark commits (<see cref="SentMarks"/>), a failed one once its failure is
/// written (each in its own transaction); the last row settled releases the claim, so a pass that claims ahead holds only
/// the batches still in hand. Disposing leaves every row not yet marked pending for the next pass. Safe from several
/// threads at once.
/// </summary>
public sealed class DeliveryBatch : IDisposable
{
    private readonly CampaignStore _store;
    private DbConnection? _locks;
    private int _open;

    internal DeliveryBatch(CampaignStore store, DbConnection? locks, IReadOnlyList<PendingDelivery> deliveries)
    {
        (_store, _locks, Deliveries) = (store, locks, deliveries);
        _open = deliveries.Count;
    }

    /// <summary>The claimed rows, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> Deliveries { get; }

    public void Failed(PendingDelivery delivery, string error, bool dead, string? jobId)
    {
        _store.MarkFailed(delivery.Id, error, dead, jobId);
        Settle(1);
    }

    /// <summary>The server, not the message, was at fault: note why, charge no attempt; the row stays pending.</summary>
    public void Unavailable(PendingDelivery delivery, string error) => _store.NoteDeliveryError(delivery.Id, error);

    /// <summary>Counts rows as settled (marked or failed); the last one releases the claim.</summary>
    internal void Settle(int rows)
    {
        if (Interlocked.Add(ref _open, -rows) == 0)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _locks, null) is not { } locks)
        {
            return;
        }
        try
        {
            // The locks are the session's; the pool would also drop them on reset, but only when the connection is reused.
            locks.Execute("SELECT pg_advisory_unlock_all()");
        }
        finally
        {
            locks.Dispose();
        }
    }
}
