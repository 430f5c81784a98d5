namespace Campaigns.Storage;

/// <summary>A document already written to the documents folder, with the hash of what was written.</summary>
public sealed record WrittenDocument(string Path, string? CampaignId, string Sha256);
