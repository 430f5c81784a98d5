using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>
/// One plan's way through a tick's stages (<see cref="TickService"/>): what it read, what the engine decided, what was
/// written and rendered, what the store applied, or the error that stopped it at whichever stage.
/// </summary>
internal sealed class PlanTick(AnnualPlan plan, DateOnly today)
{
    public AnnualPlan Plan { get; } = plan;

    public DateOnly Today { get; } = today;

    public PlanSnapshot? Snapshot { get; set; }

    public TickOutcome? Outcome { get; set; }

    public IReadOnlyList<WrittenDocument> Written { get; set; } = [];

    public IReadOnlyList<OutboxMessage> Messages { get; set; } = [];

    /// <summary>The messages' bodies as the outbox stores them, packed beside the rendering rather than in the apply.</summary>
    public IReadOnlyList<byte[]> PackedBodies { get; set; } = [];

    public AppliedTick? Applied { get; set; }

    /// <summary>The engine drew for this plan (counted in the year's joint checks before the store held the draw).</summary>
    public bool Drew { get; set; }

    public Exception? Error { get; set; }
}
