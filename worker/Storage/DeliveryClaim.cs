using System.Data.Common;

namespace Campaigns.Storage;

/// <summary>
/// One outbox row claimed for sending (<see cref="CampaignStore.ClaimNext"/>). Settle it once with what happened;
/// disposing it unsettled (a crash, a cancelled pass) leaves the row pending for the next pass.
/// </summary>
public sealed class DeliveryClaim : IDisposable
{
    private readonly CampaignStore _store;
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;

    internal DeliveryClaim(CampaignStore store, DbConnection connection, DbTransaction? transaction, PendingDelivery delivery) =>
        (_store, _connection, _transaction, Delivery) = (store, connection, transaction, delivery);

    public PendingDelivery Delivery { get; }

    public void Sent(DateTimeOffset at) => Settle(t => _store.MarkSent(_connection, t, Delivery.Id, at));

    public void Failed(string error, DateTimeOffset nextAttempt, bool dead) =>
        Settle(t => _store.MarkFailed(_connection, t, Delivery.Id, error, nextAttempt, dead));

    /// <summary>The server, not the message, was at fault: note why, charge no attempt.</summary>
    public void Unavailable(string error) => Settle(t => CampaignStore.NoteDeliveryError(_connection, t, Delivery.Id, error));

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private void Settle(Action<DbTransaction> write)
    {
        // The claim's own transaction on PostgreSQL (the row lock ends with it); a fresh one on SQLite.
        var transaction = _transaction ?? _connection.BeginTransaction();
        try
        {
            write(transaction);
            transaction.Commit();
        }
        finally
        {
            if (_transaction is null)
            {
                transaction.Dispose();
            }
        }
    }
}
