namespace Campaigns.Core.Draws;

/// <summary>
/// One credit-risk class of a draw ("*" when not stratified): its ratio, how many were eligible, how many its ratio
/// drew (ceil(ratio × eligible), at most eligible) and how many the minimum's top-up added, so a class at ratio 0.2
/// that shows 3 of 3 reads as 1 by ratio and 2 topped up, not as a violation.
/// </summary>
public sealed record Stratum(string RiskClass, decimal Ratio, int Eligible, int ByRatio, int TopUp, int Drawn)
{
    public static Stratum Of(string riskClass, decimal ratio, int eligible, int byRatio, int topUp) => new(riskClass, ratio, eligible, byRatio, topUp, byRatio + topUp);
}
