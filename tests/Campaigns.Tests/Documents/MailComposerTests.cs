using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Documents;

/// <summary>One model, two parts: the text part reads as typed, the HTML part is escaped.</summary>
public class MailComposerTests
{
    private static readonly MailComposer Composer = new(TemplateSet.Load(Repository.Path("templates")));

    [Fact]
    public void Compose_QuotesAndAngleBrackets_TextPartUnescapedHtmlPartEscaped()
    {
        // why: one HTML-escaping engine once rendered the text part too, so offices read &quot;双随机、一公开&quot;
        // and were told to run "campaigns publish --url &lt;网址&gt;".
        const string message = "请在\"双随机、一公开\"专栏公示后登记：campaigns publish --campaign c1 --url <网址> --on <日期>。A&B's";
        var model = DocumentModels.CoverMail(SampleDocuments.Plan, new Contact("张三", "police@qinghe.example", null), "公示提醒", message);
        var order = new DeliveryOrder("key-1", "cover", "c1", new Contact("张三", "police@qinghe.example", null), "cover", model, []);

        var row = Composer.Compose(order);

        row.TextBody.ShouldContain(message);
        row.TextBody.ShouldNotContain("&quot;");
        row.TextBody.ShouldNotContain("&lt;");
        row.HtmlBody.ShouldNotBeNull();
        row.HtmlBody.ShouldContain("请在&quot;双随机、一公开&quot;专栏公示后登记：campaigns publish --campaign c1 --url &lt;网址&gt; --on &lt;日期&gt;。A&amp;B&#39;s");
        row.HtmlBody.ShouldNotContain("<网址>");
        row.Subject.ShouldBe("公示提醒");
    }

    [Fact]
    public void Compose_TemplateWithoutHtmlPart_SendsTextOnly()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("note.sbn-txt"), "{{ RecipientName }}：{{ Message }}\n");
        var composer = new MailComposer(TemplateSet.Load(folder.Path));
        var model = DocumentModels.CoverMail(SampleDocuments.Plan, new Contact("张三", "police@qinghe.example", null), "主题", "<正文>");
        var row = composer.Compose(new DeliveryOrder("key-2", "note", null, new Contact("张三", "police@qinghe.example", null), "note", model, []));
        row.TextBody.ShouldBe("张三：<正文>\n");
        row.HtmlBody.ShouldBeNull();
    }
}
