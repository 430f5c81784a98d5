namespace Campaigns.Core.Plans;

/// <summary>Share of eligible entities to draw, in (0, 1], and the least number drawn (004 §9: at least 1).</summary>
public sealed record Sampling(decimal Ratio, int Minimum);
