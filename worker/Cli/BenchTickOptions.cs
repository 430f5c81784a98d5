namespace Campaigns.Cli;

/// <summary>bench-tick's command line.</summary>
public sealed record BenchTickOptions(int Campaigns, int Entities, int Inspectors, int Runs, int DrawRuns, string? Postgres, bool Verbose, bool GenerateOnly = false);
