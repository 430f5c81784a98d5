using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>
/// The claimed messages of one dispatch pass waiting for a sender, queued by recipient. A sender takes a recipient
/// (<see cref="TakeAsync"/>) and sends that recipient's messages in order until none is left (<see cref="TryNext"/>); a
/// message added meanwhile for it joins the same queue, so all messages to one address go through one sender, in order,
/// across claims too, while the other senders take the other recipients. Safe from several threads at once.
/// </summary>
internal sealed class RecipientQueues
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<(DeliveryBatch Batch, PendingDelivery Delivery)>> _byRecipient = [];
    private readonly Queue<string> _ready = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private bool _complete;
    private bool _stopped;

    /// <summary>Queues every row of a claimed batch, oldest first.</summary>
    public void Add(DeliveryBatch batch)
    {
        lock (_lock)
        {
            foreach (var delivery in batch.Deliveries)
            {
                var recipient = delivery.Message.RecipientEmail.Trim().ToUpperInvariant();
                if (!_byRecipient.TryGetValue(recipient, out var queue))
                {
                    _byRecipient[recipient] = queue = new Queue<(DeliveryBatch, PendingDelivery)>();
                    _ready.Enqueue(recipient);
                }
                queue.Enqueue((batch, delivery));
                _waiting++;
            }
            Changed();
        }
    }

    /// <summary>A recipient no sender holds, once there is one; null when the pass has nothing more to send or was stopped.</summary>
    public async Task<string?> TakeAsync()
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_stopped)
                {
                    return null;
                }
                if (_ready.TryDequeue(out var recipient))
                {
                    return recipient;
                }
                if (_complete)
                {
                    return null;
                }
                changed = _changed.Task;
            }
            await changed;
        }
    }

    /// <summary>The recipient's next message; false when it has none left, and then the recipient is given up.</summary>
    public bool TryNext(string recipient, out (DeliveryBatch Batch, PendingDelivery Delivery) next)
    {
        lock (_lock)
        {
            var queue = _byRecipient[recipient];
            if (!_stopped && queue.TryDequeue(out next))
            {
                _waiting--;
                Changed();
                return true;
            }
            _byRecipient.Remove(recipient);
            next = default;
            return false;
        }
    }

    /// <summary>Waits until fewer than <paramref name="below"/> messages wait for a sender, or the pass is stopped.</summary>
    public async Task WaitForRoomAsync(int below)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_stopped || _waiting < below)
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed;
        }
    }

    /// <summary>Nothing more will be added: the senders send what waits, then end.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _complete = true;
            Changed();
        }
    }

    /// <summary>The pass halts: no sender begins another message, and what waits stays pending in the store.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            Changed();
        }
    }

    private void Changed()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}
