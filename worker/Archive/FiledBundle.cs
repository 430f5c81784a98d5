namespace Campaigns.Archive;

/// <summary>A bundle written and filed: its path, what it holds, and the seq of its archive-filed audit row.</summary>
public sealed record FiledBundle(string Path, CampaignArchive.Bundle Bundle, long Seq);
