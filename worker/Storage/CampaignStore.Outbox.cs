using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Campaigns.Storage;

public sealed partial class CampaignStore
{
    private const string PendingColumns =
        "id, attempts, idempotency_key, kind, campaign_id, recipient_name, recipient_email, subject, text_body, html_body, attachments_json";

    /// <summary>Pending rows whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> DueDeliveries(DateTimeOffset now, int max)
    {
        using var connection = Connect();
        return ReadPending(connection, null,
            $"SELECT {PendingColumns} FROM deliveries WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY id LIMIT @max",
            new { now = now.ToString("O"), max });
    }

    /// <summary>
    /// The oldest due row, held until the claim is settled or disposed; null when nothing is due. On PostgreSQL the claim
    /// is a row lock in an open transaction (FOR UPDATE SKIP LOCKED): other instances pass over the row, and a worker
    /// killed mid-send releases it with its connection, so another sends it again — the one duplicate the outbox allows,
    /// recognisable by its Message-ID. On SQLite one process owns the file, and the claim is the read.
    /// </summary>
    public DeliveryClaim? ClaimNext(DateTimeOffset now)
    {
        var connection = Connect();
        DbTransaction? transaction = null;
        try
        {
            transaction = _provider.Shared ? connection.BeginTransaction() : null;
            var pending = ReadPending(connection, transaction,
                $"SELECT {PendingColumns} FROM deliveries WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY id LIMIT 1 {_provider.SkipLocked}",
                new { now = now.ToString("O") });
            if (pending.Count == 1)
            {
                return new DeliveryClaim(this, connection, transaction, pending[0]);
            }
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
        transaction?.Dispose();
        connection.Dispose();
        return null;
    }

    public void MarkSent(long id, DateTimeOffset at) => InTransaction((c, t) => MarkSent(c, t, id, at));

    public void MarkFailed(long id, string error, DateTimeOffset nextAttempt, bool dead) =>
        InTransaction((c, t) => MarkFailed(c, t, id, error, nextAttempt, dead));

    /// <summary>Records why a row could not go out without counting an attempt (the server was unavailable, not the message at fault).</summary>
    public void NoteDeliveryError(long id, string error) => InTransaction((c, t) => NoteDeliveryError(c, t, id, error));

    internal void MarkSent(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset at)
    {
        connection.Execute("UPDATE deliveries SET state = 'sent', sent_at = @at, attempts = attempts + 1, last_error = NULL WHERE id = @id",
            new { id, at = at.ToString("O") }, transaction);
        AuditDelivery(connection, transaction, id, at, "outbox", "delivery-sent");
    }

    internal void MarkFailed(DbConnection connection, DbTransaction transaction, long id, string error, DateTimeOffset nextAttempt, bool dead)
    {
        connection.Execute(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, state = @state WHERE id = @id",
            new { id, error, next = nextAttempt.ToString("O"), state = dead ? "dead" : "pending" }, transaction);
        AuditDelivery(connection, transaction, id, _time.GetUtcNow(), "outbox", dead ? "delivery-dead" : "delivery-failed");
    }

    internal static void NoteDeliveryError(DbConnection connection, DbTransaction transaction, long id, string error) =>
        connection.Execute("UPDATE deliveries SET last_error = @error WHERE id = @id", new { id, error }, transaction);

    private void InTransaction(Action<DbConnection, DbTransaction> write)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        write(connection, transaction);
        transaction.Commit();
    }

    private static List<PendingDelivery> ReadPending(DbConnection connection, DbTransaction? transaction, string sql, object parameters) =>
        [.. connection.Query<(long Id, long Attempts, string Key, string Kind, string? CampaignId, string Name, string Email, string Subject, string Text, string? Html, string Attachments)>(
                sql, parameters, transaction)
            .Select(r => new PendingDelivery(r.Id, (int)r.Attempts, new OutboxMessage(
                r.Key, r.Kind, r.CampaignId, r.Name, r.Email, r.Subject, r.Text, r.Html, JsonSerializer.Deserialize<string[]>(r.Attachments)!)))];
}
