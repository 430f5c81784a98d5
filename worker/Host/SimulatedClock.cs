namespace Campaigns.Host;

/// <summary>The clock simulate runs the real engine on: it says whatever time it was last set to.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
