namespace Campaigns.Core.Plans;

/// <summary>
/// Share of eligible entities to draw, in (0, 1], and the least number drawn (004 §9: at least 1).
/// <see cref="ByRisk"/> sets a share per credit-risk class (信用风险分类) as the directory names them; classes not
/// listed use <see cref="Ratio"/>. Empty: one stratum.
/// </summary>
public sealed record Sampling(decimal Ratio, int Minimum, IReadOnlyDictionary<string, decimal> ByRisk)
{
    public Sampling(decimal ratio, int minimum)
        : this(ratio, minimum, new Dictionary<string, decimal>())
    {
    }
}
