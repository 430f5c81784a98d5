using Campaigns.Core.Draws;
using Campaigns.Core.Lifecycle;

namespace Campaigns.Core.Engine;

/// <summary>What one reconciliation of one campaign decided: the shell applies all of it in one transaction.</summary>
public sealed record CampaignOutcome(
    string CampaignId,
    CampaignState State,
    IReadOnlyList<TransitionRecord> Transitions,
    Draw? NewDraw,
    IReadOnlyList<OverdueFlag> Flags,
    IReadOnlyList<DocumentOrder> Documents,
    IReadOnlyList<DeliveryOrder> Deliveries);
