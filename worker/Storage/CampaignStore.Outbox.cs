using System.Data.Common;
using System.Text.Json;
using Campaigns.Operations;
using Dapper;

namespace Campaigns.Storage;

public sealed partial class CampaignStore
{
    private const string PendingColumns =
        "id, attempts, idempotency_key, kind, campaign_id, recipient_name, recipient_email, subject, text_body, html_body, bodies, attachments_json";

    /// <summary>Pending rows a pass would send (due, and owned by no job), oldest first.</summary>
    public IReadOnlyList<PendingDelivery> DueDeliveries(DateTimeOffset now, int max)
    {
        using var connection = Connect();
        return ReadPending(connection, null,
            $"SELECT {PendingColumns} FROM deliveries {_provider.PendingByAge} WHERE state = 'pending' AND job_id IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @max",
            new { now = now.ToString("O"), max });
    }

    // The first key of the two-key advisory locks that claim outbox rows on PostgreSQL ("outb"); the second is the row id.
    private const int ClaimLockClass = 0x6f757462;

    /// <summary>
    /// Up to <paramref name="max"/> due rows, oldest first (or, given <paramref name="ids"/>, those of them that are due),
    /// held until the batch is disposed; at most <paramref name="maxUnmarked"/> of them sent and not yet marked at a time. On PostgreSQL each row is held by a session advisory lock on the batch's own
    /// connection: other instances pass over it, marks commit on other connections one row at a time, and a worker killed
    /// mid-send releases its rows with its connection, so another sends them again — the one duplicate the outbox allows,
    /// recognisable by its Message-ID. (A FOR UPDATE row lock would block those marks until the whole batch ended.) On
    /// SQLite one process owns the file, and the claim is the read. The marks are committed on <paramref name="writer"/>'s
    /// thread (a kept one, see <see cref="DeliveryBatch"/>), or on a thread started for the batch.
    /// </summary>
    public DeliveryBatch ClaimBatch(
        DateTimeOffset now, int max, IReadOnlyCollection<long>? ids = null, int maxUnmarked = 32, DedicatedThreads? writer = null)
    {
        // A pass leaves alone the rows a Hangfire job owns (job_id set: a retry scheduled, or a dead letter); a job names its own.
        var due = "state = 'pending' AND next_attempt_at <= @now" + (ids is null ? " AND job_id IS NULL" : $" AND {InList("id", "ids")}");
        var parameters = new { now = now.ToString("O"), max, ids = ids?.ToArray() };
        if (!_provider.Shared)
        {
            using var connection = Connect();
            return new DeliveryBatch(this, _time, null, ReadPending(connection, null,
                $"SELECT {PendingColumns} FROM deliveries {_provider.PendingByAge} WHERE {due} ORDER BY id LIMIT @max", parameters), maxUnmarked, writer);
        }
        var locks = Connect();
        try
        {
            // Candidates skip rows another session holds (pg_locks is only a hint: the try-lock below decides); the re-read after
            // locking drops a row another instance settled between the two statements. pg_locks shows every database of the
            // server: another database's outbox holding the same ids must not hide this one's rows. The held ids are read
            // once, as an array: as an anti-join PostgreSQL read and sorted every pending row to find the oldest @max (9.3 ms
            // for 5,000 pending rows; a province's draw day queues 35,000), where the pending rows' index in id order stops
            // at @max (0.36 ms).
            var candidates = locks.Query<long>(
                $"""
                WITH held AS MATERIALIZED (
                    SELECT coalesce(array_agg(l.objid), ARRAY[]::oid[]) AS ids FROM pg_locks l WHERE l.locktype = 'advisory'
                        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        AND l.classid = {ClaimLockClass}::oid AND l.objsubid = 2)
                SELECT id FROM deliveries d, held WHERE {due} AND NOT ((d.id & 2147483647)::oid = ANY(held.ids))
                ORDER BY id LIMIT @max
                """, parameters).ToArray();
            var locked = locks.Query<long>(
                $"SELECT c.id FROM unnest(@candidates) AS c(id) WHERE pg_try_advisory_lock({ClaimLockClass}, (c.id & 2147483647)::int)",
                new { candidates }).ToArray();
            var pending = ReadPending(locks, null,
                $"SELECT {PendingColumns} FROM deliveries WHERE id = ANY(@locked) AND state = 'pending' AND next_attempt_at <= @now ORDER BY id",
                new { locked, now = parameters.now });
            return new DeliveryBatch(this, _time, locks, pending, maxUnmarked, writer);
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    public void MarkSent(long id, DateTimeOffset at) => MarkSent([id], at);

    /// <summary>
    /// Marks the rows sent in one transaction, with one audit row each. The update goes in one batch with the audit lock
    /// and the trail's head: with the audit rows and the commit, three round trips on PostgreSQL, for every group of marks
    /// a dispatch pass commits.
    /// </summary>
    public void MarkSent(IReadOnlyCollection<long> ids, DateTimeOffset at) => InTransaction((connection, transaction) =>
    {
        using var results = connection.QueryMultiple(
            $"UPDATE deliveries SET state = 'sent', sent_at = @at, attempts = attempts + 1, last_error = NULL WHERE {InList("id", "ids")} " +
                $"RETURNING id, campaign_id, idempotency_key, state, attempts;\n{AuditHeadSql}",
            new { ids = ids.ToArray(), at = at.ToString("O") }, transaction);
        var rows = results.Read<(long Id, string? CampaignId, string Key, string State, long Attempts)>().OrderBy(r => r.Id).ToList();
        var head = new AuditHead();
        ReadAuditHead(results, head);
        Audit(connection, transaction, at, "outbox", [.. rows.Select(r => ("delivery-sent", r.CampaignId,
            (object)new { id = r.Id, key = r.Key, state = r.State, attempts = r.Attempts, lastError = (string?)null }))], head);
    });

    /// <summary>
    /// Charges the row one attempt for its own failure: dead, or still pending; either way owned by the Hangfire job
    /// <paramref name="jobId"/> when one is given (which then retries it, or shows it as Failed).
    /// </summary>
    public void MarkFailed(long id, string error, bool dead, string? jobId = null) =>
        InTransaction((c, t) => MarkFailed(c, t, id, error, dead, jobId));

    /// <summary>Records why a row could not go out without counting an attempt (the server was unavailable, not the message at fault).</summary>
    public void NoteDeliveryError(long id, string error) => InTransaction((c, t) => NoteDeliveryError(c, t, id, error));

    internal void MarkFailed(DbConnection connection, DbTransaction transaction, long id, string error, bool dead, string? jobId)
    {
        connection.Execute(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = @error, state = @state, job_id = @jobId WHERE id = @id",
            new { id, error, state = dead ? "dead" : "pending", jobId }, transaction);
        AuditDelivery(connection, transaction, id, _time.GetUtcNow(), "outbox", dead ? "delivery-dead" : "delivery-failed");
    }

    /// <summary>
    /// Gives the row to the Hangfire job <paramref name="jobId"/>, or back to the passes (null), whatever its state: the
    /// sweep uses it to keep the ledger and the jobs in step.
    /// </summary>
    public void SetDeliveryJob(long id, string? jobId)
    {
        using var connection = Connect();
        connection.Execute("UPDATE deliveries SET job_id = @jobId WHERE id = @id", new { id, jobId });
    }

    /// <summary>Rows not sent that a job owns or should own: every dead letter, and every pending row with a job.</summary>
    public IReadOnlyList<DeliveryJobLink> DeliveryJobs(bool withDeadLetters = true)
    {
        using var connection = Connect();
        return [.. connection.Query<DeliveryJobLink>(
            $"""
            {DeliveryJobSql}
            WHERE (@withDeadLetters AND state = 'dead') OR (state = 'pending' AND job_id IS NOT NULL) ORDER BY id
            """, new { withDeadLetters })];
    }

    /// <summary>One row as <see cref="DeliveryJobs"/> lists it, or null when it is neither dead nor owned by a job.</summary>
    public DeliveryJobLink? DeliveryJobOf(long id)
    {
        using var connection = Connect();
        return connection.QuerySingleOrDefault<DeliveryJobLink>(
            $"{DeliveryJobSql} WHERE id = @id AND (state = 'dead' OR (state = 'pending' AND job_id IS NOT NULL))", new { id });
    }

    private const string DeliveryJobSql = "SELECT id, state, attempts, job_id AS JobId, last_error AS LastError FROM deliveries";

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
        [.. connection.Query<(long Id, long Attempts, string Key, string Kind, string? CampaignId, string Name, string Email, string Subject, string Text, string? Html, byte[]? Bodies, string Attachments)>(
                sql, parameters, transaction)
            .Select(r =>
            {
                // Rows queued before migration 20 hold their bodies as text.
                var (text, html, unreadable) = (r.Text, r.Html, (string?)null);
                if (r.Bodies is not null)
                {
                    try
                    {
                        (text, html) = MailBodies.Unpack(r.Bodies);
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                    {
                        // One damaged row must not stop the pass: it is dead-lettered with the reason, the others are sent.
                        unreadable = $"the stored message cannot be read: {e.Message}";
                    }
                }
                return new PendingDelivery(r.Id, (int)r.Attempts, new OutboxMessage(
                    r.Key, r.Kind, r.CampaignId, r.Name, r.Email, r.Subject, text, html, JsonSerializer.Deserialize<string[]>(r.Attachments)!), unreadable);
            })];
}
