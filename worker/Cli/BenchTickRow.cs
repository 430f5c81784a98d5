namespace Campaigns.Cli;

/// <summary>A row of bench-tick's table: one kind of day, timed <see cref="Runs"/>.Count times from the same store.</summary>
public sealed record BenchTickRow(string Day, DateOnly Date, IReadOnlyList<BenchTickMeasurement> Runs, TimeSpan? Target)
{
    public TimeSpan Min => Runs.Min(r => r.Elapsed);

    public TimeSpan Median => Runs.Select(r => r.Elapsed).Order().ElementAt(Runs.Count / 2);

    public TimeSpan Max => Runs.Max(r => r.Elapsed);
}
