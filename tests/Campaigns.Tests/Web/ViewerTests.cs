using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;
using Campaigns.Web;

namespace Campaigns.Tests.Web;

/// <summary>A grant opens what the plans, as they stand, give its recipient, and nothing else.</summary>
public class ViewerTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly LinkSigner Signer = new(Convert.FromBase64String(ConsoleWorker.Key));
    private static readonly AnnualPlan Plan = TestPlans.Plan();
    private static readonly IReadOnlyList<ConsolePlan> Plans = [new ConsolePlan("2024.yaml", "2024", Plan, [], null)];

    private static Viewer? Resolve(ConsoleRole role, string email) =>
        Viewer.Resolve(new ConsoleGrant(role, ConsoleGrant.Everything, Signer.RecipientKey(email), Now, Now.AddDays(1)), Plans, Signer.RecipientKey, "admin");

    [Fact]
    public void Resolve_OfficeContact_ActsForTheOffice()
    {
        var viewer = Resolve(ConsoleRole.Contact, "office@qinghe.example").ShouldNotBeNull();

        viewer.IsOffice(Plan).ShouldBeTrue();
        viewer.Actor.ShouldBe("web:office:田婷婷");
    }

    [Fact]
    public void Resolve_DepartmentContact_SeesOnlyItsDepartmentsCampaignsAndActsForNoOffice()
    {
        var viewer = Resolve(ConsoleRole.Contact, "POLICE@qinghe.example").ShouldNotBeNull();

        viewer.IsOffice(Plan).ShouldBeFalse();
        viewer.DepartmentsOf(Plan).Select(d => d.Id).ShouldBe(["police"]);
        viewer.CanSee(Plan, Plan.Campaigns[0]).ShouldBe(Plan.Campaigns[0].AllDepartments.Contains("police"));
        viewer.Actor.ShouldBe("web:department:张三");
    }

    [Fact]
    public void Resolve_LeaderGrantOfAContact_Nothing()
    {
        // A breach report's link names a leader; the same person's role is read from the plans, not trusted from the link alone.
        Resolve(ConsoleRole.Leader, "office@qinghe.example").ShouldBeNull();
        Resolve(ConsoleRole.Leader, "leader@qinghe.example").ShouldNotBeNull().IsLeader(Plan).ShouldBeTrue();
    }

    [Fact]
    public void Resolve_AddressNoPlanLists_Nothing() =>
        Resolve(ConsoleRole.Contact, "someone@elsewhere.example").ShouldBeNull();
}
