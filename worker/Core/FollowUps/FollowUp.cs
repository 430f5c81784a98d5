using Campaigns.Core.Results;

namespace Campaigns.Core.FollowUps;

/// <summary>
/// A result that found a problem and must be followed up by the department that entered it, by <see cref="Due"/>
/// (7 working days from the day the result was formed, 003 §20(三)); open until <see cref="Closure"/> says what was done.
/// </summary>
public sealed record FollowUp(ResultEntry Result, DateOnly Due, bool Provisional, FollowUpClosure? Closure)
{
    public bool IsOpen => Closure is null;
}
