namespace Campaigns.Storage;

/// <summary>One applied tick of one plan, as logged.</summary>
public sealed record TickLogEntry(string PlanKey, long Version, string OnDate, string Instance, string RecordedAt);
