using System.Threading.Channels;

namespace Campaigns.Storage;

/// <summary>
/// The marks of one dispatch pass's sent rows, committed off the sending path. A sender queues a row's mark
/// (<see cref="SentAsync"/>) and goes on to its next message; one writer commits whatever has queued meanwhile, from every
/// batch the pass holds, in one transaction with its audit rows (<see cref="CampaignStore.MarkSent(IReadOnlyCollection{long}, DateTimeOffset)"/>),
/// so a commit's cost (an fsync on SQLite, the audit lock on PostgreSQL) is shared by many rows and paid beside the
/// sends rather than between them. At most <c>maxUnmarked</c> rows wait for their mark, which bounds what a crash repeats.
/// <see cref="FlushAsync"/> before the pass releases its batches. Safe from several threads at once.
/// </summary>
public sealed class SentMarks
{
    private readonly CampaignStore _store;
    private readonly TimeProvider _time;
    private readonly Channel<(DeliveryBatch Batch, long Id)> _sent =
        Channel.CreateUnbounded<(DeliveryBatch, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _unmarked;
    private readonly Task _writer;

    public SentMarks(CampaignStore store, TimeProvider time, int maxUnmarked)
    {
        (_store, _time) = (store, time);
        _unmarked = new SemaphoreSlim(maxUnmarked, maxUnmarked);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Queues the row's mark as sent; returns once it fits under the bound of unmarked rows. Throws when the writer has
    /// failed (the database went away): then nothing more may be sent in this pass.
    /// </summary>
    public async Task SentAsync(DeliveryBatch batch, PendingDelivery delivery)
    {
        var slot = _unmarked.WaitAsync();
        if (!slot.IsCompleted)
        {
            await Task.WhenAny(slot, _writer);
        }
        if (!slot.IsCompleted || _writer.IsCompleted)
        {
            await _writer;
            throw new InvalidOperationException("The outbox's mark writer stopped before the pass ended.");
        }
        _sent.Writer.TryWrite((batch, delivery.Id));
    }

    /// <summary>Waits until every queued mark is committed (and throws the writer's failure, if any); queues no more after.</summary>
    public async Task FlushAsync()
    {
        _sent.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var marks = new List<(DeliveryBatch Batch, long Id)>();
        while (await _sent.Reader.WaitToReadAsync())
        {
            while (_sent.Reader.TryRead(out var mark))
            {
                marks.Add(mark);
            }
            _store.MarkSent([.. marks.Select(m => m.Id)], _time.GetUtcNow());
            _unmarked.Release(marks.Count);
            foreach (var batch in marks.GroupBy(m => m.Batch))
            {
                batch.Key.Settle(batch.Count());
            }
            marks.Clear();
        }
    }
}
