namespace Campaigns.Core.Draws;

/// <summary>A draw, or the reason it cannot be made (in Chinese, for the office); never both.</summary>
public sealed record DrawOutcome(Draw? Draw, string? Refusal)
{
    public static DrawOutcome Refused(string reason) => new(null, reason);
}
