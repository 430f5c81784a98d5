using Campaigns.Core.Calendar;
using Campaigns.Core.Results;

namespace Campaigns.Core.FollowUps;

public static class FollowUps
{
    /// <summary>Working days from the day a result is formed to hand over or deal with what it found (003 §20(三)).</summary>
    public const int WorkingDays = 7;

    /// <summary>The deadline's name in reminders and notices.</summary>
    public const string Deadline = "后续处理期限";

    /// <summary>Codes that found a problem (2, 3, 5, 6, 8, 10); any result with a handling opinion needs follow-up too.</summary>
    public static bool Needs(ResultEntry result) => result.Code.IsProblem() || result.HandlingOpinion is not null;

    /// <summary>Every follow-up the results call for, with its deadline and closure, in the results' order.</summary>
    public static IReadOnlyList<FollowUp> Of(IReadOnlyList<ResultEntry> results, IReadOnlyList<FollowUpClosure> closures, WorkingCalendar calendar)
    {
        var closed = closures.GroupBy(c => (c.Uscc, c.DepartmentId)).ToDictionary(g => g.Key, g => g.Last());
        return [.. results.Where(Needs).Select(r => Due(r, calendar, closed.GetValueOrDefault((r.Uscc, r.DepartmentId))))];
    }

    /// <summary>
    /// The follow-ups of <see cref="Of"/> still open, in the same order. The deadlines are counted for these only: the
    /// engine asks every tick for every campaign with results, and most follow-ups are closed.
    /// </summary>
    public static IReadOnlyList<FollowUp> Open(IReadOnlyList<ResultEntry> results, IReadOnlyList<FollowUpClosure> closures, WorkingCalendar calendar) =>
        // A campaign's results are read again only when they change (an empty list may be shared, and has nothing open).
        results.Count == 0 ? [] : OpenOf.Get(results, closures, calendar, () => Count(results, closures, calendar));

    private static readonly Engine.Remembered<IReadOnlyList<ResultEntry>, IReadOnlyList<FollowUp>> OpenOf = new();

    private static IReadOnlyList<FollowUp> Count(IReadOnlyList<ResultEntry> results, IReadOnlyList<FollowUpClosure> closures, WorkingCalendar calendar)
    {
        var closed = closures.Select(c => (c.Uscc, c.DepartmentId)).ToHashSet();
        return [.. results.Where(r => Needs(r) && !closed.Contains((r.Uscc, r.DepartmentId))).Select(r => Due(r, calendar, null))];
    }

    private static FollowUp Due(ResultEntry result, WorkingCalendar calendar, FollowUpClosure? closure)
    {
        var due = calendar.AddWorkingDays(result.InspectedOn, WorkingDays);
        return new FollowUp(result, due.Date, due.Provisional, closure);
    }

    public static string ChineseName(this FollowUpAction action) => action switch
    {
        FollowUpAction.Guidance => "行政指导",
        FollowUpAction.Abnormal => "列入经营异常名录",
        FollowUpAction.Case => "立案查处",
        FollowUpAction.Transfer => "移送有管辖权的部门",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
