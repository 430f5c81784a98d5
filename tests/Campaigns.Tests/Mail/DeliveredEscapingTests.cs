using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Mail;

/// <summary>
/// Issue 11's escaping check at the far end: a cover mail rendered by the real templates, queued, sent by the outbox over
/// SMTP to the loopback server, and the .eml it wrote parsed by MimeKit as a mail client parses it (transfer encodings and
/// charsets undone). The text part reads as typed; the HTML part is escaped, so a browser shows the same characters.
/// </summary>
public sealed class DeliveredEscapingTests : IDisposable
{
    private readonly TestStore _db = TestStore.Sqlite();
    private readonly SmtpServer _server = SmtpServer.Start();
    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        _server.Dispose();
        _db.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Delivered_QuotesAndAngleBrackets_TextPartUnescapedHtmlPartEscaped()
    {
        const string message = "请在\"双随机、一公开\"专栏公示后登记：campaigns publish --campaign c1 --url <网址> --on <日期>。A&B's";
        var office = new Contact("张三", "police@qinghe.example", null);
        var composer = new MailComposer(TemplateSet.Load(Repository.Path("templates")));
        var row = composer.Compose(new DeliveryOrder("delivered-1", "cover", "c1", office, "cover",
            DocumentModels.CoverMail(SampleDocuments.Plan, office, "公示提醒", message), []));
        var clock = new SimulatedClock(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        var store = _db.Open(clock);
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [], [row], new DateOnly(2026, 4, 20), clock.GetUtcNow(), "test");
        var transport = new SmtpTransport(new SmtpSettings(_server.Host, _server.Port, SmtpSecurity.None, null, null, TimeSpan.FromSeconds(10)),
            new Contact("双随机一公开工作提醒", "campaigns@qinghe.example", null), clock);
        var outbox = new OutboxDispatcher(Options.Create(new WorkerOptions { Root = _dir.Path }), store, transport, clock, NullLogger<OutboxDispatcher>.Instance);

        (await outbox.DispatchAsync(CancellationToken.None)).ShouldBe(1);

        var delivered = _server.Received().ShouldHaveSingleItem();
        delivered.Subject.ShouldBe("公示提醒");
        var text = delivered.Text.ShouldNotBeNull();
        text.ShouldContain(message);
        text.ShouldNotContain("&quot;");
        text.ShouldNotContain("&lt;");
        text.ShouldNotContain("&amp;");
        var html = delivered.Html.ShouldNotBeNull();
        html.ShouldContain("请在&quot;双随机、一公开&quot;专栏公示后登记：campaigns publish --campaign c1 --url &lt;网址&gt; --on &lt;日期&gt;。A&amp;B&#39;s");
        html.ShouldNotContain("<网址>");
        // Both parts are declared UTF-8, so the client reads the Chinese as sent rather than guessing a charset.
        delivered.Message.BodyParts.OfType<MimeKit.TextPart>().ShouldAllBe(part => part.ContentType.Charset == "utf-8");
    }
}
