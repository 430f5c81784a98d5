using Campaigns.Storage;

namespace Campaigns.Engine;

/// <summary>What one tick did, per plan, with the office date it ran on, and where its time went.</summary>
public sealed record TickReport(IReadOnlyList<(string PlanKey, DateOnly Today, AppliedTick Applied)> Plans, TickPhases? Phases = null);
