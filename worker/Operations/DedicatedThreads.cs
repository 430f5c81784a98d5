using System.Collections.Concurrent;

namespace Campaigns.Operations;

/// <summary>
/// Threads of a service's own, kept from call to call, for work that blocks (an SMTP exchange, a commit's fsync) or that
/// runs at a priority of its own (a tick's producers): blocking pool threads would delay the pool's other work, and a
/// thread started per call costs more than a small call: on this 2-core machine two producer threads started for every
/// tick cost the sample year 0.8 s of its 365 ticks, and the outbox's up to five a pass (223 threads in the sample year)
/// some 0.16 s (README, issue 17). Work runs in the order given, on whichever thread is free.
/// </summary>
public sealed class DedicatedThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];

    /// <param name="count">How many threads: at least as many as the pieces of work that may wait on each other at once.</param>
    /// <param name="name">The threads' name, as debuggers and <c>top -H</c> show it.</param>
    /// <param name="onStart">Run first on each thread (lowering its priority, say).</param>
    public DedicatedThreads(int count, string name, Action? onStart = null)
    {
        for (var i = 0; i < count; i++)
        {
            new Thread(() =>
            {
                onStart?.Invoke();
                foreach (var work in _work.GetConsumingEnumerable())
                {
                    work();
                }
            }) { IsBackground = true, Name = name }.Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads; it must catch what it throws.</summary>
    public void Run(Action work) => _work.Add(work);

    /// <summary>
    /// Runs <paramref name="work"/> on one of the threads; the task ends with it, faulted by what it throws. Whoever awaits
    /// the task continues on the pool, never on one of these threads, which must stay free for the work queued next.
    /// </summary>
    public Task RunAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Run(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>The threads end once the work given is done.</summary>
    public void Dispose() => _work.CompleteAdding();
}
