namespace Campaigns.Host;

/// <summary>
/// The clock named by Campaigns:ClockStart, ClockOrigin and ClockSpeed: at the real instant origin it reads start,
/// and it runs speed times as fast. Processes given the same three settings agree on "now" without talking, which is
/// what lets several workers rehearse a year in minutes. Only the reading is scaled: timers keep real time, as
/// Quartz's wake-ups (TickInterval) do.
/// </summary>
public sealed class ConfiguredClock(DateTimeOffset start, DateTimeOffset origin, double speed, TimeProvider real) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => start + (real.GetUtcNow() - origin) * speed;
}
