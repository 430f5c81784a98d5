namespace Campaigns.Core.Results;

/// <summary>One department's result for one drawn entity, as entered; <see cref="EnteredOn"/> decides lateness.</summary>
public sealed record ResultEntry(
    string CampaignId,
    string Uscc,
    string DepartmentId,
    ResultCode Code,
    DateOnly InspectedOn,
    DateOnly EnteredOn,
    string? Remarks);
