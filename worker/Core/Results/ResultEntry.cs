namespace Campaigns.Core.Results;

/// <summary>
/// One department's result for one drawn entity, as entered; <see cref="EnteredOn"/> decides lateness.
/// <see cref="Inspectors"/> are the 执法证号 of who inspected; <see cref="Signed"/> false records the entity's refusal to
/// sign, with <see cref="RefusalReason"/> (002 五(二)2); <see cref="HandlingOpinion"/> is the 处理意见, if any.
/// <see cref="Item"/> is the department's 检查事项 the result is for; null means the result stands for all its items.
/// <see cref="QuestionsAnswered"/>: the inspectors answered the entity's questions on site (现场解答疑难问题, 002 annex).
/// </summary>
public sealed record ResultEntry(
    string CampaignId,
    string Uscc,
    string DepartmentId,
    ResultCode Code,
    DateOnly InspectedOn,
    DateOnly EnteredOn,
    string? Remarks,
    IReadOnlyList<string>? Inspectors = null,
    string? HandlingOpinion = null,
    bool? Signed = null,
    string? RefusalReason = null,
    string? Item = null,
    bool QuestionsAnswered = false);
