using Campaigns.Core.Lifecycle;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// A department whose frequency rule sets a longest gap (004 §9: every two months) and whose gap has passed with no
/// campaign it leads or joins drawn: flagged from the day after the gap's last day, with the department as 责任单位, until
/// one of its campaigns draws or the plan's year ends (the gap rule is a rule of that year).
/// </summary>
public static class FrequencyGaps
{
    public const string Deadline = "抽查间隔截止";

    /// <summary><paramref name="outcomes"/> are this tick's: a campaign drawn today closes the gap today.</summary>
    public static IEnumerable<OverdueFlag> Flags(AnnualPlan plan, DateOnly today, OfficeFacts facts, IReadOnlyList<CampaignOutcome> outcomes)
    {
        var now = outcomes.ToDictionary(o => o.CampaignId);
        if (today.Year != plan.Year)
        {
            yield break;
        }
        foreach (var department in plan.Departments.Where(d => d.Frequency.MaxGapMonths is not null))
        {
            var campaigns = plan.Campaigns.Where(c => c.AllDepartments.Contains(department.Id)).ToList();
            DateOnly? last = campaigns
                .Select(c => (State: now.TryGetValue(c.Id, out var o) ? o.State : facts.For(c.Id).State, Draw: now.GetValueOrDefault(c.Id)?.NewDraw ?? facts.For(c.Id).Draw))
                .Where(f => f.State != CampaignState.Cancelled && f.Draw is { } d && d.DrawnOn <= today && d.DrawnOn.Year == plan.Year)
                .Select(f => f.Draw!.DrawnOn)
                .DefaultIfEmpty()
                .Max() is var latest && latest != default ? latest : null;
            if (department.Frequency.NextDrawBy(plan.Year, last) is not { } by || today <= by)
            {
                continue;
            }
            var next = campaigns.Where(c => c.CancelledReason is null && c.DrawOn > by && c.DrawOn.Year == plan.Year).Select(c => c.DrawOn).Order().Cast<DateOnly?>().FirstOrDefault();
            yield return new OverdueFlag(FlagKind.FrequencyGap, plan.Key, department.Id, by.AddDays(1),
                $"{(last is { } l ? $"自{l:yyyy-MM-dd}抽取后" : "自年初起")}至{by:yyyy-MM-dd}未抽取本部门发起或参与的部门联合抽查，不符合{department.Frequency.Describe()}；" +
                (next is { } n ? $"计划中下一次抽取为{n:yyyy-MM-dd}" : "本年度计划中再无本部门的抽查"));
        }
    }
}
