using Campaigns.Core.Plans;

namespace Campaigns.Web;

/// <summary>
/// Who is looking, resolved from a grant against the plans as they stand: the offices whose contact they are, the
/// departments whose contact they are, the plans that name them a leader (or the level above). Someone a plan no
/// longer lists sees nothing of it, whatever their link says.
/// </summary>
public sealed record Viewer(
    ConsoleRole Role,
    string Name,
    IReadOnlyList<ConsolePlan> Offices,
    IReadOnlyList<(ConsolePlan Plan, Department Department)> Departments,
    IReadOnlyList<ConsolePlan> Led,
    ConsoleGrant Grant)
{
    public bool IsAdmin => Role == ConsoleRole.Admin;

    /// <summary>How the audit trail names them: channel, role and name (no address).</summary>
    public string Actor => Role switch
    {
        ConsoleRole.Admin => $"web:admin:{Name}",
        ConsoleRole.Leader => $"web:leader:{Name}",
        _ => Offices.Count > 0 ? $"web:office:{Name}" : $"web:department:{Name}",
    };

    public bool IsOffice(AnnualPlan plan) => IsAdmin || Offices.Any(o => o.Plan == plan);

    public bool IsLeader(AnnualPlan plan) => IsAdmin || Led.Any(o => o.Plan == plan);

    /// <summary>The departments of <paramref name="plan"/> this viewer speaks for.</summary>
    public IReadOnlyList<Department> DepartmentsOf(AnnualPlan plan) =>
        IsAdmin ? plan.Departments : [.. Departments.Where(d => d.Plan.Plan == plan).Select(d => d.Department)];

    public bool CanSee(AnnualPlan plan, CampaignPlan campaign) =>
        IsOffice(plan) || IsLeader(plan) || DepartmentsOf(plan).Any(d => campaign.AllDepartments.Contains(d.Id));

    public bool CanSeeBoard(AnnualPlan plan) => IsOffice(plan) || IsLeader(plan) || DepartmentsOf(plan).Count > 0;

    /// <summary>
    /// The viewer a grant makes, or null when the plans no longer list the recipient in the role the grant names.
    /// <paramref name="recipientKey"/> turns an address into the key grants carry.
    /// </summary>
    public static Viewer? Resolve(ConsoleGrant grant, IReadOnlyList<ConsolePlan> plans, Func<string, string> recipientKey, string adminName)
    {
        if (grant.Role == ConsoleRole.Admin)
        {
            return new Viewer(ConsoleRole.Admin, adminName, [], [], [], grant);
        }
        bool Mine(Contact c) => c.Email is not null && recipientKey(c.Email) == grant.Recipient;
        var inScope = plans.Where(p => p.Plan is not null && (grant.Scope == ConsoleGrant.Everything || grant.Scope == p.Plan.Key)).ToList();
        string? name = null;
        if (grant.Role == ConsoleRole.Leader)
        {
            var led = inScope.Where(p => p.Plan!.Leaders.Concat(p.Plan.Breach.EscalateTo).Any(Mine)).ToList();
            name = led.SelectMany(p => p.Plan!.Leaders.Concat(p.Plan.Breach.EscalateTo)).FirstOrDefault(Mine)?.Name;
            return led.Count == 0 ? null : new Viewer(ConsoleRole.Leader, name!, [], [], led, grant);
        }
        var offices = inScope.Where(p => p.Plan!.Office.Contacts.Any(Mine)).ToList();
        var departments = inScope.SelectMany(p => p.Plan!.Departments.Where(d => d.Contacts.Any(Mine)).Select(d => (p, d))).ToList();
        name = offices.SelectMany(p => p.Plan!.Office.Contacts).FirstOrDefault(Mine)?.Name
            ?? departments.SelectMany(d => d.d.Contacts).FirstOrDefault(Mine)?.Name;
        return name is null ? null : new Viewer(ConsoleRole.Contact, name, offices, departments, [], grant);
    }
}
