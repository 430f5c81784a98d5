namespace Campaigns.Storage;

/// <summary>One row of the audit trail, as stored; <see cref="Hash"/> chains it to the row before (see <see cref="AuditTrail"/>).</summary>
public sealed record AuditEntry(
    long Seq, string At, string Actor, string Action, string? CampaignId, string DetailJson, string PreviousHash, string Hash);
