namespace Campaigns.Core.Results;

/// <summary>
/// A correction of an entered result (更正): entered results are final, so a different value is appended as a
/// correction naming the principal leader who signed it and why (001 四(四), 003 §22); it never overwrites.
/// </summary>
public sealed record ResultCorrection(
    string CampaignId,
    string Uscc,
    string DepartmentId,
    ResultCode Previous,
    ResultCode Code,
    string Reason,
    string SignedBy,
    DateOnly CorrectedOn,
    string? Item = null);
