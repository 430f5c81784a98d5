namespace Campaigns.Core.Draws;

/// <summary>
/// A replacement (递补) of a drawn inspector, with the written reason and the leader who approved it (004 §18,
/// 003 §16). Appended after the draw, numbered from 1; the draw record itself never changes.
/// </summary>
public sealed record Substitution(
    string CampaignId,
    int Sequence,
    DateOnly On,
    int Group,
    string Replaced,
    DrawnInspector Replacement,
    string Reason,
    string ApprovedBy);
