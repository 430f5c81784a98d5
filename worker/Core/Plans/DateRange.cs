namespace Campaigns.Core.Plans;

/// <summary>An inclusive range of dates, such as the inspection window.</summary>
public sealed record DateRange(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}
