using Campaigns.Engine;

namespace Campaigns.Cli;

/// <summary>One timed tick of bench-tick: wall time, what it produced, and the process's peak working set after it.</summary>
public sealed record BenchTickMeasurement(TimeSpan Elapsed, int Transitions, int FlagsRaised, int Queued, long PeakWorkingSetBytes, TickPhases? Phases);
