using System.Collections.Concurrent;

namespace Campaigns.Engine;

/// <summary>
/// The threads that make a tick's documents and mail: its own, at a lower priority than the applier, the engine and the
/// database server (<see cref="BackgroundPriority"/>), so that the pipeline's bulk does not keep its critical path waiting
/// for a processor. Kept from tick to tick: two threads started for every tick cost the sample year 0.8 s of its 365 ticks.
/// </summary>
internal sealed class ProducerThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];

    public ProducerThreads(int count, int nice)
    {
        for (var i = 0; i < count; i++)
        {
            new Thread(() =>
            {
                BackgroundPriority.Lower(nice);
                foreach (var work in _work.GetConsumingEnumerable())
                {
                    work();
                }
            }) { IsBackground = true, Name = "Tick producer" }.Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads, in the order given; it must catch what it throws.</summary>
    public void Run(Action work) => _work.Add(work);

    /// <summary>The threads end once the work given is done.</summary>
    public void Dispose() => _work.CompleteAdding();
}
