using System.Data.Common;
using Campaigns.Operations;
using Dapper;

namespace Campaigns.Storage;

/// <summary>
/// Outbox rows claimed for sending (<see cref="CampaignStore.ClaimBatch"/>). A sent row's mark is queued
/// (<see cref="Sent"/>) and one writer, on a thread of its own, commits them in groups of at least half of
/// <c>maxUnmarked</c> (or what is left when the batch ends), one transaction a group, so a commit's cost (an fsync on
/// SQLite, the audit lock on PostgreSQL) is shared by many rows instead of paid by each; at most <c>maxUnmarked</c> rows
/// wait for their mark, which bounds what a crash repeats. Failures are settled at once,
/// each in its own transaction. <see cref="Flush"/> before disposing: disposing leaves every row not yet marked pending
/// for the next pass. Safe from several threads at once.
/// </summary>
public sealed class DeliveryBatch : IDisposable
{
    private readonly CampaignStore _store;
    private readonly TimeProvider _time;
    // Rows sent and not yet handed to the writer; the writer is woken once they make a group, or the batch ends.
    private readonly object _gate = new();
    private readonly List<long> _sent = [];
    private bool _ended;
    private readonly SemaphoreSlim _unmarked;
    private readonly int _group;
    private readonly CancellationTokenSource _writerStopped = new();
    private readonly Task _writer;
    private DbConnection? _locks;

    internal DeliveryBatch(
        CampaignStore store, TimeProvider time, DbConnection? locks, IReadOnlyList<PendingDelivery> deliveries, int maxUnmarked, DedicatedThreads? writer)
    {
        (_store, _time, _locks, Deliveries) = (store, time, locks, deliveries);
        _unmarked = new SemaphoreSlim(maxUnmarked, maxUnmarked);
        _group = Math.Max(1, maxUnmarked / 2);
        // Off the pool: the commit blocks (an fsync), and a blocked pool thread delays the senders' own work. On the
        // dispatcher's kept writer thread when it has one, else a thread of its own. None for an empty claim: most of a
        // small office's daily passes find nothing due.
        _writer = deliveries.Count == 0 ? Task.CompletedTask
            : writer is not null ? writer.RunAsync(WriteMarks)
            : Task.Factory.StartNew(WriteMarks, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The claimed rows, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> Deliveries { get; }

    /// <summary>
    /// Queues the row's mark as sent; returns once it fits under the bound of unmarked rows. Throws when the writer has
    /// failed (the database went away): then nothing more may be sent in this batch.
    /// </summary>
    public void Sent(PendingDelivery delivery)
    {
        try
        {
            _unmarked.Wait(_writerStopped.Token);
        }
        catch (OperationCanceledException)
        {
            _writer.GetAwaiter().GetResult();
            throw new InvalidOperationException("The outbox's mark writer stopped before the batch ended.");
        }
        lock (_gate)
        {
            if (_ended)
            {
                throw new InvalidOperationException("The batch has ended: nothing more is marked in it.");
            }
            _sent.Add(delivery.Id);
            if (_sent.Count >= _group)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Waits until every queued mark is committed (and throws the writer's failure, if any).</summary>
    public void Flush()
    {
        End();
        _writer.GetAwaiter().GetResult();
    }

    public void Failed(PendingDelivery delivery, string error, bool dead, string? jobId) =>
        _store.MarkFailed(delivery.Id, error, dead, jobId);

    /// <summary>The server, not the message, was at fault: note why, charge no attempt.</summary>
    public void Unavailable(PendingDelivery delivery, string error) => _store.NoteDeliveryError(delivery.Id, error);

    public void Dispose()
    {
        End();
        // The writer ends with the batch; its failure, if any, was the batch's to report through Flush.
        _writer.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _writerStopped.Dispose();
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

    private void End()
    {
        lock (_gate)
        {
            _ended = true;
            Monitor.Pulse(_gate);
        }
    }

    private void WriteMarks()
    {
        try
        {
            while (true)
            {
                long[] ids;
                lock (_gate)
                {
                    // Half the bound at least (or what is left when the batch ends): a commit costs about the same for 2
                    // rows as for 16, and committing after every send or two kept the writer busy enough to slow the
                    // senders down; the other half goes on being sent meanwhile. Woken per group, not per row: waking
                    // the writer for each row cost a thread switch a message.
                    while (_sent.Count < _group && !_ended)
                    {
                        Monitor.Wait(_gate);
                    }
                    if (_sent.Count == 0)
                    {
                        return;
                    }
                    ids = [.. _sent];
                    _sent.Clear();
                }
                _store.MarkSent(ids, _time.GetUtcNow());
                _unmarked.Release(ids.Length);
            }
        }
        catch
        {
            // A sender waiting for a slot learns of it at once instead of waiting for marks that will not come.
            _writerStopped.Cancel();
            throw;
        }
    }
}
