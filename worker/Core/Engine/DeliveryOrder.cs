using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// A message owed to one recipient. <see cref="IdempotencyKey"/> is unique in the outbox, so ordering the
/// same message again on any later tick is harmless. <see cref="Attachments"/> are document paths. <see cref="Items"/>
/// are the keys of the reminders a digest gathers (null: the message is its own single item).
/// </summary>
public sealed record DeliveryOrder(
    string IdempotencyKey,
    string Kind,
    string? CampaignId,
    Contact Recipient,
    string Template,
    object Model,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<string>? Items = null)
{
    public IReadOnlyList<string> ItemKeys => Items ?? [IdempotencyKey];
}
