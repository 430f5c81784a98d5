using System.Data.Common;
using Dapper;

namespace Campaigns.Storage;

/// <summary>
/// Outbox rows claimed for sending (<see cref="CampaignStore.ClaimBatch"/>). Each row is settled on its own, in its own
/// short transaction, as soon as its send is over, so a crash repeats only the rows sent and not yet settled (at most one
/// per connection); disposing the batch leaves every unsettled row pending for the next pass. Settling is safe from
/// several threads at once.
/// </summary>
public sealed class DeliveryBatch : IDisposable
{
    private readonly CampaignStore _store;
    private DbConnection? _locks;

    internal DeliveryBatch(CampaignStore store, DbConnection? locks, IReadOnlyList<PendingDelivery> deliveries) =>
        (_store, _locks, Deliveries) = (store, locks, deliveries);

    /// <summary>The claimed rows, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> Deliveries { get; }

    public void Sent(PendingDelivery delivery, DateTimeOffset at) => _store.MarkSent(delivery.Id, at);

    public void Failed(PendingDelivery delivery, string error, DateTimeOffset nextAttempt, bool dead) =>
        _store.MarkFailed(delivery.Id, error, nextAttempt, dead);

    /// <summary>The server, not the message, was at fault: note why, charge no attempt.</summary>
    public void Unavailable(PendingDelivery delivery, string error) => _store.NoteDeliveryError(delivery.Id, error);

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
