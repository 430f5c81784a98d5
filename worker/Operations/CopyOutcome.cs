using Campaigns.Storage;

namespace Campaigns.Operations;

/// <summary>What a backup or restore did: the copy's facts and where the replaced database was kept, or why nothing was written.</summary>
public sealed record CopyOutcome(StoreFacts? Facts, string? Problem, string? Kept = null)
{
    public static CopyOutcome Refused(string problem) => new(null, problem);
}
