using Campaigns.Core.Lifecycle;

namespace Campaigns.Storage;

/// <summary>
/// What asking to archive a campaign found: its state (null: no such campaign in the store), the date the request
/// stands from, and whether this call recorded it (false when refused or already requested).
/// </summary>
public sealed record ArchiveRequest(CampaignState? State, DateOnly? RequestedOn, bool Recorded);
