using System.Diagnostics;

namespace Campaigns.Engine;

/// <summary>
/// Where one tick's time went: the wall time of each stage (reading plans and directories, loading facts, the engine,
/// documents and mail, applying) and, inside the stages that run plans in parallel, the time each part took summed over
/// the threads (marked "Σ"), so it can exceed the stage's wall time; with each stage, the processor time the whole process
/// used in it (all threads, the GC's too), which a machine shared with other work inflates far less than wall time.
/// Stopwatch and processor-time readings only: no clock the engine decides by. bench-tick --verbose prints it.
/// </summary>
public sealed class TickPhases
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TimeSpan> _totals = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, TimeSpan> _processor = [];
    private long _mark = Stopwatch.GetTimestamp();
    private TimeSpan _markProcessor = Environment.CpuUsage.TotalTime;

    /// <summary>Charges the wall time since the previous mark to <paramref name="phase"/>.</summary>
    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        var processor = Environment.CpuUsage.TotalTime;
        Add(phase, Stopwatch.GetElapsedTime(_mark, now));
        lock (_lock)
        {
            _processor[phase] = _processor.GetValueOrDefault(phase) + (processor - _markProcessor);
        }
        _mark = now;
        _markProcessor = processor;
    }

    /// <summary>Adds time spent on one thread to <paramref name="phase"/>; safe to call from parallel work.</summary>
    public void Add(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (!_totals.ContainsKey(phase))
            {
                _order.Add(phase);
            }
            _totals[phase] = _totals.GetValueOrDefault(phase) + elapsed;
        }
    }

    /// <summary>Processor time of the process during each stage that <see cref="Mark"/> closed; null for the "Σ" parts.</summary>
    public TimeSpan? ProcessorTime(string phase)
    {
        lock (_lock)
        {
            return _processor.TryGetValue(phase, out var time) ? time : null;
        }
    }

    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Totals
    {
        get
        {
            lock (_lock)
            {
                return [.. _order.Select(p => (p, _totals[p]))];
            }
        }
    }
}
