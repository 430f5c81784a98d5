namespace Campaigns.Core.Draws;

/// <summary>
/// A replacement (递补) of a drawn inspector, with the written reason and the leader who approved it (004 §18,
/// 003 §16). Appended after the draw, numbered from 1; the draw record itself never changes. <see cref="Label"/>,
/// <see cref="PoolSize"/> and <see cref="PoolSha256"/> (the candidates, drawn from the draw's own snapshot) let anyone
/// recompute the choice.
/// </summary>
public sealed record Substitution(
    string CampaignId,
    int Sequence,
    DateOnly On,
    int Group,
    string Replaced,
    DrawnInspector Replacement,
    string Reason,
    string ApprovedBy,
    string Label,
    int PoolSize,
    string PoolSha256);
