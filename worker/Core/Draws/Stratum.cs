namespace Campaigns.Core.Draws;

/// <summary>One credit-risk class of a draw: how many were eligible and how many were drawn ("*" when not stratified).</summary>
public sealed record Stratum(string RiskClass, int Eligible, int Drawn);
