using Campaigns.Core.Engine;
using Campaigns.Core.Plans;

namespace Campaigns.Storage;

/// <summary>
/// One plan's tick ready to apply: what the engine decided, the documents already written and the mail rendered for it.
/// <see cref="Snapshot"/> is what the tick was computed from (its version guards the apply); null applies unguarded.
/// <see cref="PackedBodies"/> are the messages' bodies packed (<see cref="MailBodies.Pack"/>) off the applier's thread, in
/// order; null packs them in the apply.
/// </summary>
public sealed record ReadyTick(
    AnnualPlan Plan, TickOutcome Outcome, IReadOnlyList<WrittenDocument> Documents, IReadOnlyList<OutboxMessage> Messages, DateOnly Today,
    PlanSnapshot? Snapshot, IReadOnlyList<byte[]>? PackedBodies = null);
