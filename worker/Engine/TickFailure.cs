namespace Campaigns.Engine;

/// <summary>A plan whose tick failed: which, where its file is, the error's fingerprint (as told to the office) and what it said.</summary>
public sealed record TickFailure(string PlanKey, string SourcePath, string Fingerprint, string Error);
