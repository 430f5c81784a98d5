namespace Campaigns.Core.Lifecycle;

/// <summary>
/// The conditions the lifecycle's guards ask about. The engine supplies them from the plan, the recorded
/// facts and today's date; tests supply plain answers.
/// </summary>
public sealed record LifecycleGuards(
    Func<bool> PlanPublished,
    Func<bool> DrawDue,
    Func<bool> WindowStarted,
    Func<bool> WindowEnded,
    Func<bool> ResultsComplete,
    Func<bool> PublicationConfirmed,
    Func<bool> ArchiveRequested,
    Func<bool> CancelRequested)
{
    public static LifecycleGuards Always(bool answer) => new(
        () => answer, () => answer, () => answer, () => answer, () => answer, () => answer, () => answer, () => answer);
}
