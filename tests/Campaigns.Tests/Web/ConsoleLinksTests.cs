using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Campaigns.Web;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Web;

/// <summary>Every mail to an office, department or leader carries its recipient's own link, and none without a public address.</summary>
public class ConsoleLinksTests
{
    private static readonly TemplateSet Templates = TemplateSet.Load(Repository.Path("templates"));
    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.FromHours(8)));

    private static MailComposer Composer(string? publicBaseUrl) => new(Templates, new ConsoleLinks(
        Options.Create(new WorkerOptions { ConsoleKey = ConsoleWorker.Key, PublicBaseUrl = publicBaseUrl }), Clock));

    private static DeliveryOrder Cover(Contact to, string kind = "cover") => new("key-1", kind, "c1", to, "cover",
        DocumentModels.CoverMail(SampleDocuments.Plan, to, "公示提醒", "请登记公示。"), []);

    [Fact]
    public void Compose_PublicBaseUrlSet_BothPartsCarryTheRecipientsLink()
    {
        var row = Composer("https://campaigns.example.gov.cn/").Compose(Cover(new Contact("张三", "police@qinghe.example", null)));

        var link = row.TextBody.Split('\n').Single(l => l.Contains("https://campaigns.example.gov.cn/c/", StringComparison.Ordinal));
        var token = link[(link.IndexOf("/c/", StringComparison.Ordinal) + 3)..].Trim();
        row.HtmlBody.ShouldNotBeNull().ShouldContain($"href=\"https://campaigns.example.gov.cn/c/{token}\"");
        var grant = new LinkSigner(Convert.FromBase64String(ConsoleWorker.Key)).Check(token, LinkSigner.LinkPurpose, Clock.GetUtcNow()).Grant.ShouldNotBeNull();
        grant.Role.ShouldBe(ConsoleRole.Contact);
        grant.Expires.ShouldBe(Clock.GetUtcNow() + TimeSpan.FromDays(60));
        token.ShouldNotContain("police");
    }

    [Fact]
    public void Compose_BreachReport_LinkOpensAsALeader()
    {
        var row = Composer("https://campaigns.example.gov.cn").Compose(Cover(new Contact("领导小组组长", "leader@qinghe.example", null), kind: "breach-report"));
        var token = row.TextBody[(row.TextBody.IndexOf("/c/", StringComparison.Ordinal) + 3)..].Trim();

        new LinkSigner(Convert.FromBase64String(ConsoleWorker.Key)).Check(token, LinkSigner.LinkPurpose, Clock.GetUtcNow()).Grant!.Role.ShouldBe(ConsoleRole.Leader);
    }

    [Fact]
    public void Compose_NoPublicBaseUrl_NoLinkAndTheMailAsBefore()
    {
        var order = Cover(new Contact("张三", "police@qinghe.example", null));

        var row = Composer(null).Compose(order);

        row.TextBody.ShouldNotContain("/c/");
        row.TextBody.ShouldBe(new MailComposer(Templates).Compose(order).TextBody);
        row.HtmlBody.ShouldBe(new MailComposer(Templates).Compose(order).HtmlBody);
    }
}
