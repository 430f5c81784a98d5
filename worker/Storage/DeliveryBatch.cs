using System.Data.Common;
using System.Threading.Channels;
using Dapper;

namespace Campaigns.Storage;

/// <summary>
/// Outbox rows claimed for sending (<see cref="CampaignStore.ClaimBatch"/>). A sent row's mark is queued
/// (<see cref="SentAsync"/>) and one writer commits whatever has queued meanwhile in one transaction, so a commit's cost
/// (an fsync on SQLite, the audit lock on PostgreSQL) is shared by many rows instead of paid by each; at most
/// <c>maxUnmarked</c> rows wait for their mark, which bounds what a crash repeats. Failures are settled at once, each in
/// its own transaction. <see cref="FlushAsync"/> before disposing: disposing leaves every row not yet marked pending for
/// the next pass. Safe from several threads at once.
/// </summary>
public sealed class DeliveryBatch : IDisposable
{
    private readonly CampaignStore _store;
    private readonly TimeProvider _time;
    private readonly Channel<long> _sent = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _unmarked;
    private readonly Task _writer;
    private DbConnection? _locks;

    internal DeliveryBatch(CampaignStore store, TimeProvider time, DbConnection? locks, IReadOnlyList<PendingDelivery> deliveries, int maxUnmarked)
    {
        (_store, _time, _locks, Deliveries) = (store, time, locks, deliveries);
        _unmarked = new SemaphoreSlim(maxUnmarked, maxUnmarked);
        _writer = Task.Run(WriteMarksAsync);
    }

    /// <summary>The claimed rows, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> Deliveries { get; }

    /// <summary>
    /// Queues the row's mark as sent; returns once it fits under the bound of unmarked rows. Throws when the writer has
    /// failed (the database went away): then nothing more may be sent in this batch.
    /// </summary>
    public async Task SentAsync(PendingDelivery delivery)
    {
        var slot = _unmarked.WaitAsync();
        if (await Task.WhenAny(slot, _writer) != slot)
        {
            await _writer;
            throw new InvalidOperationException("The outbox's mark writer stopped before the batch ended.");
        }
        _sent.Writer.TryWrite(delivery.Id);
    }

    /// <summary>Waits until every queued mark is committed (and throws the writer's failure, if any).</summary>
    public async Task FlushAsync()
    {
        _sent.Writer.TryComplete();
        await _writer;
    }

    public void Failed(PendingDelivery delivery, string error, bool dead, string? jobId) =>
        _store.MarkFailed(delivery.Id, error, dead, jobId);

    /// <summary>The server, not the message, was at fault: note why, charge no attempt.</summary>
    public void Unavailable(PendingDelivery delivery, string error) => _store.NoteDeliveryError(delivery.Id, error);

    public void Dispose()
    {
        _sent.Writer.TryComplete();
        // The writer ends with the channel; its failure, if any, was the batch's to report through FlushAsync.
        _writer.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
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

    private async Task WriteMarksAsync()
    {
        var ids = new List<long>();
        while (await _sent.Reader.WaitToReadAsync())
        {
            while (_sent.Reader.TryRead(out var id))
            {
                ids.Add(id);
            }
            _store.MarkSent(ids, _time.GetUtcNow());
            _unmarked.Release(ids.Count);
            ids.Clear();
        }
    }
}
