namespace Campaigns.Engine;

/// <summary>One message's own failure in a pass: the row, why, and whether it is now a dead letter.</summary>
public sealed record DeliveryFailure(long DeliveryId, string Error, bool Dead);
