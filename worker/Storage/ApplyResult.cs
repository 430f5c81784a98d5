namespace Campaigns.Storage;

/// <summary>How one plan's tick fared among several applied together: applied (or superseded), or failed and rolled back alone.</summary>
public sealed record ApplyResult(AppliedTick? Applied, Exception? Error);
