using System.Text;
using Campaigns.Storage;
using Campaigns.Web;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Campaigns.Tests.Web;

/// <summary>
/// The console in a real browser (Debian's headless Chromium), on a worker whose first tick mailed every recipient their
/// personal link: each scenario starts from a link in a mail, as an office, a department or a leader would. Each page
/// visited is saved to <see cref="ConsoleWorker.Shots"/>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ConsoleBrowserTests(ConsoleWorker worker)
{
    private const string Office = "office@qinghe.example";
    private const string Food = "qh-2026-food";
    private const string NetCafe = "qh-2026-netcafe";

    private IWebDriver Driver => worker.Driver;

    private string Text(string css) => Driver.FindElement(By.CssSelector(css)).Text;

    private void OpenAsOffice()
    {
        worker.Open(worker.LinkFromMail(Office, "催办"));
        Driver.Url.ShouldStartWith(new Uri(worker.BaseAddress, "board/").ToString());
    }

    /// <summary>The template the page offers, downloaded by the browser into the fixture's download folder.</summary>
    private string[] DownloadTemplate(string campaign)
    {
        var file = Path.Combine(worker.Downloads, $"{campaign}-检查结果录入表.csv");
        File.Delete(file);
        Driver.FindElement(By.Id("template-csv")).Click();
        new WebDriverWait(Driver, TimeSpan.FromSeconds(15)).Until(_ => File.Exists(file) && new FileInfo(file).Length > 0);
        return File.ReadAllText(file, Encoding.UTF8).TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    /// <summary>Fills 检查结果, 检查日期 (in the campaign's window) and 是否签字 of every row, with <paramref name="code"/> choosing a row's code.</summary>
    private string Filled(string campaign, string[] lines, Func<int, string> code)
    {
        var header = lines[0].Split(',');
        var result = Array.IndexOf(header, "检查结果");
        var date = Array.IndexOf(header, "检查日期");
        var signed = Array.IndexOf(header, "是否签字");
        var rows = lines.Skip(1).Select((line, i) =>
        {
            line.ShouldNotContain("\"", customMessage: "the template's cells need no quoting, so a plain split reads them");
            var cells = line.Split(',');
            cells[result] = code(i);
            cells[date] = campaign == Food ? "2026-06-10" : "2026-05-20";
            cells[signed] = "是";
            return string.Join(',', cells);
        });
        var path = Path.Combine(worker.Work, $"{campaign}-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\uFEFF" + string.Join('\n', [lines[0], .. rows]) + "\n", new UTF8Encoding(false));
        return path;
    }

    private void Upload(string path)
    {
        Driver.FindElement(By.Id("sheet")).SendKeys(path);
        ClickThrough(By.Id("upload"));
    }

    /// <summary>
    /// Clicks what leads to another page and waits until that page is the one shown: Click returns once the post or the
    /// navigation is sent, not once the answer is there, so a lookup right after could read the page being replaced. The
    /// old page is marked before the click; the new document has no mark. (Asking an element of the old page whether it
    /// is stale fails now and then with Chromium's own "does not belong to the document" error instead.)
    /// </summary>
    private void ClickThrough(By target)
    {
        var script = (IJavaScriptExecutor)Driver;
        script.ExecuteScript("document.documentElement.setAttribute('data-left', '')");
        Driver.FindElement(target).Click();
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(30));
        // While the pages swap, a script may find no document to run in.
        wait.IgnoreExceptionTypes(typeof(JavaScriptException), typeof(UnknownErrorException));
        wait.Until(_ => script.ExecuteScript("return document.readyState === 'complete' && !document.documentElement.hasAttribute('data-left')") is true);
    }

    [Fact]
    public void Office_FromItsReminder_DownloadsTemplateUploadsSheet_CampaignMovesOn()
    {
        OpenAsOffice();
        Text($"#campaign-{Food} .state").ShouldBe("结果录入中");
        worker.Shoot("01-office-board");
        ClickThrough(By.CssSelector($"#campaign-{Food} a"));
        Text("#state").ShouldBe("结果录入中");
        worker.Shoot("02-campaign-before-upload");

        var lines = DownloadTemplate(Food);
        lines.Length.ShouldBeGreaterThan(1);
        Upload(Filled(Food, lines, _ => "1"));

        Text("#outcome").ShouldContain($"已录入{lines.Length - 1}条检查结果");
        // The console asks for a tick at once; the campaign moves on without waiting for tomorrow's.
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(_ =>
        {
            worker.Open($"campaigns/{Food}");
            return Text("#state") != "结果录入中";
        });
        Text("#progress-market").ShouldNotContain("0");
        worker.Shoot("03-campaign-after-upload");
        var store = worker.Host.Services.GetRequiredService<CampaignStore>();
        store.AuditTrailOf(Food).ShouldContain(a => a.Action == "results-entered" && a.Actor.StartsWith("web:office:田婷婷|import:", StringComparison.Ordinal));
    }

    [Fact]
    public void Office_SheetWithOneBadRow_ShowsThatRowsErrorAndEntersNothing()
    {
        OpenAsOffice();
        worker.Open($"campaigns/{NetCafe}");
        var lines = DownloadTemplate(NetCafe);
        Upload(Filled(NetCafe, lines, i => i == 2 ? "99" : "1"));

        // Data row 3 is line 4 of the sheet (line 1 is the header).
        Text("#sheet-row-4").ShouldContain("99");
        Driver.FindElements(By.CssSelector("#row-problems tbody tr")).Count.ShouldBe(1);
        Text("#outcome").ShouldContain("未录入任何结果");
        worker.Shoot("04-bad-row-refused");
        worker.Host.Services.GetRequiredService<CampaignStore>().Results(NetCafe).ShouldBeEmpty();
    }

    [Fact]
    public void Leader_FromTheBreachReport_SeesTheSameItems()
    {
        var link = worker.LinkFromMail("leader@qinghe.example", "超期报告");
        var mail = Directory.GetFiles(worker.Mail, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .First(m => m.To.Mailboxes.Any(b => b.Address == "leader@qinghe.example") && (m.Subject ?? "").Contains("超期报告", StringComparison.Ordinal));
        var reported = (mail.TextBody ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("事项：", StringComparison.Ordinal)).Select(l => l["事项：".Length..]).ToList();
        reported.ShouldNotBeEmpty();

        worker.Open(link);

        Driver.Url.ShouldEndWith("/leader");
        var shown = Driver.FindElements(By.CssSelector("#breaches tbody tr td:nth-child(2)")).Select(td => td.Text).ToList();
        shown.Order(StringComparer.Ordinal).ShouldBe(reported.Order(StringComparer.Ordinal));
        var since = Driver.FindElements(By.CssSelector("#breaches tbody tr td:nth-child(4)")).Select(td => td.Text).ToList();
        since.ShouldBe([.. since.Order(StringComparer.Ordinal)], "oldest first");
        worker.Shoot("05-leader-breaches");

        // One click deeper: the campaign behind a breach.
        ClickThrough(By.CssSelector("#breaches tbody tr td a"));
        Driver.FindElement(By.TagName("h1")).Text.ShouldContain("2026年清河县");
        Driver.FindElements(By.Id("upload")).ShouldBeEmpty("a leader reads; the office enters");
        worker.Shoot("06-leader-campaign");
    }

    [Fact]
    public void Links_ForgedExpiredOrOtherOffice_Refused()
    {
        var good = worker.LinkFromMail(Office, "催办");
        var forged = good[..^3] + (good[^3] == 'A' ? 'B' : 'A') + good[^2..];
        worker.Open(forged);
        Text("#message").ShouldContain("签名不符");
        worker.Shoot("07-forged-link-refused");

        var signer = new LinkSigner(Convert.FromBase64String(ConsoleWorker.Key));
        var now = worker.Clock.GetUtcNow();
        var expired = signer.Sign(new ConsoleGrant(ConsoleRole.Contact, "*", signer.RecipientKey(Office), now.AddDays(-61), now.AddDays(-1)), LinkSigner.LinkPurpose);
        worker.Open($"c/{expired}");
        Text("#message").ShouldContain("过期");

        var stranger = signer.Sign(new ConsoleGrant(ConsoleRole.Contact, "*", signer.RecipientKey("office@another-county.example"), now, now.AddDays(1)), LinkSigner.LinkPurpose);
        worker.Open($"c/{stranger}");
        Text("#message").ShouldContain("没有此链接的收件人");

        // The health bureau's contact takes part in the food campaign only: the internet cafés are another office's business.
        worker.Open(worker.LinkFromMail("health@qinghe.example", "提醒"));
        worker.Open($"campaigns/{NetCafe}");
        Text("#message").ShouldContain("不在您的范围内");
        worker.Open($"campaigns/{Food}");
        Driver.FindElement(By.TagName("h1")).Text.ShouldContain("餐饮服务");
    }

    [Fact]
    public void Link_RevokedForItsRecipient_NoLongerOpens()
    {
        var signer = new LinkSigner(Convert.FromBase64String(ConsoleWorker.Key));
        var now = worker.Clock.GetUtcNow();
        var key = signer.RecipientKey("fire@qinghe.example");
        var link = $"c/{signer.Sign(new ConsoleGrant(ConsoleRole.Contact, "*", key, now.AddMinutes(-1), now.AddDays(60)), LinkSigner.LinkPurpose)}";
        worker.Open(link);
        Driver.Url.ShouldContain("/board/");

        worker.Host.Services.GetRequiredService<CampaignStore>().RevokeConsoleLinks(key, now, "test");

        worker.Open(link);
        Text("#message").ShouldContain("已被撤销");
    }

    [Fact]
    public void Admin_LogsIn_SeesThePlanErrorAtItsLine()
    {
        worker.Open("login");
        worker.Shoot("08-login");
        Driver.FindElement(By.Id("password")).SendKeys(ConsoleWorker.AdminPassword);
        ClickThrough(By.Id("login"));

        Driver.Url.ShouldEndWith("/admin");
        var problems = Driver.FindElements(By.CssSelector(".plan-problem")).Select(e => e.Text).ToList();
        problems.ShouldContain(p => p.Contains("2027-broken.yaml:4:1", StringComparison.Ordinal) && p.StartsWith("第4行第1列", StringComparison.Ordinal));
        Text("#plans").ShouldContain("正常运行");
        worker.Shoot("09-admin");
    }

    [Fact]
    public void Board_OnA390PixelPhone_FitsTheWidth()
    {
        var before = Driver.Manage().Window.Size;
        try
        {
            OpenAsOffice();
            Driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
            Driver.Navigate().Refresh();
            var inner = Convert.ToInt32(((IJavaScriptExecutor)Driver).ExecuteScript("return window.innerWidth;"));
            var width = Convert.ToInt32(((IJavaScriptExecutor)Driver).ExecuteScript("return document.documentElement.scrollWidth;"));
            width.ShouldBeLessThanOrEqualTo(inner, "nothing scrolls sideways on a phone");
            Driver.FindElement(By.CssSelector($"#campaign-{NetCafe} .state")).Displayed.ShouldBeTrue();
            worker.Shoot("10-board-phone");
        }
        finally
        {
            Driver.Manage().Window.Size = before;
        }
    }
}
