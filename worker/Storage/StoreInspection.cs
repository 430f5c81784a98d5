namespace Campaigns.Storage;

/// <summary>The outcome of reading a database file: its facts, or why it cannot serve as the campaigns store (Chinese, English in brackets).</summary>
public sealed record StoreInspection(string Path, StoreFacts? Facts, string? Problem)
{
    public bool IsCampaignsDatabase => Facts is not null;

    /// <summary>A schema newer than this worker knows: the worker would refuse to open it, so nothing may put it in place.</summary>
    public bool IsNewerThanWorker => Facts is { } f && f.SchemaVersion > f.KnownSchemaVersion;
}
