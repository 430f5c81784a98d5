namespace Campaigns.Core.Engine;

/// <summary>
/// One tick of one plan. <see cref="Flags"/> is the complete set active today: the shell raises the new
/// ones and clears the rest.
/// </summary>
public sealed record TickOutcome(
    IReadOnlyList<CampaignOutcome> Campaigns,
    IReadOnlyList<OverdueFlag> Flags,
    IReadOnlyList<DocumentOrder> Documents,
    IReadOnlyList<DeliveryOrder> Deliveries)
{
    public IEnumerable<TransitionRecord> Transitions => Campaigns.SelectMany(c => c.Transitions);
}
