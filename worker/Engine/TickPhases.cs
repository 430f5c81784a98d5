using System.Diagnostics;

namespace Campaigns.Engine;

/// <summary>
/// Where one tick's time went, summed over its plans (reading plans and directories, loading facts, the engine,
/// documents, rendering, applying). Stopwatch readings only: no clock the engine decides by. bench-tick --verbose prints it.
/// </summary>
public sealed class TickPhases
{
    private readonly Dictionary<string, TimeSpan> _totals = [];
    private readonly List<string> _order = [];
    private long _mark = Stopwatch.GetTimestamp();

    /// <summary>Charges the time since the previous mark to <paramref name="phase"/>.</summary>
    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_totals.ContainsKey(phase))
        {
            _order.Add(phase);
        }
        _totals[phase] = _totals.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(_mark, now);
        _mark = now;
    }

    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Totals => [.. _order.Select(p => (p, _totals[p]))];
}
