using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Tests.Web;

/// <summary>What a browser does not show: cookie attributes, form tokens, the login limit, headers.</summary>
[Collection(ConsoleCollection.Name)]
public partial class ConsoleHttpTests(ConsoleWorker worker)
{
    /// <summary>A client whose connections come from <paramref name="from"/> (any 127.x address reaches loopback), with its own cookies.</summary>
    private HttpClient Client(string from, bool redirects = true) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = redirects,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = worker.BaseAddress };

    [GeneratedRegex("name=\"_form\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [Fact]
    public async Task OpenLink_SessionCookie_HttpOnlyLaxAndSecureOnlyOverTls()
    {
        var link = new Uri(worker.LinkFromMail("office@qinghe.example", "催办")).PathAndQuery;
        using var plain = Client("127.0.0.1", redirects: false);
        using var direct = await plain.GetAsync(link);
        direct.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        direct.Headers.Location!.ToString().ShouldBe("/", "the token leaves the address bar at once");
        var cookie = direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("campaigns_session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
        cookie.ShouldNotContain("secure");
        direct.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);

        using var proxied = Client(ConsoleWorker.Proxy.ToString(), redirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var tls = await proxied.SendAsync(request);
        tls.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("campaigns_session=", StringComparison.Ordinal)).ToLowerInvariant().ShouldContain("secure");
    }

    [Fact]
    public async Task Post_WithoutTheSessionsFormToken_ChangesNothing()
    {
        using var client = Client("127.0.0.1");
        (await client.GetAsync(new Uri(worker.LinkFromMail("office@qinghe.example", "催办")).PathAndQuery)).EnsureSuccessStatusCode();
        var form = new Dictionary<string, string> { ["url"] = "https://www.gsxt.gov.cn/qh-2026-netcafe", ["on"] = "2026-07-03" };

        using var missing = await client.PostAsync("campaigns/qh-2026-netcafe/publication", new FormUrlEncodedContent(form));
        using var other = await client.PostAsync("campaigns/qh-2026-netcafe/publication", new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["_form"] = "bm90LXRoaXMtc2Vzc2lvbg" }));

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        worker.Host.Services.GetRequiredService<CampaignStore>().PublicationOf("qh-2026-netcafe").ShouldBeNull();
    }

    [Fact]
    public async Task Login_AfterFiveFailures_RefusedEvenWithTheRightPassword()
    {
        // From an address of its own, so the limit it reaches does not lock the browser tests' admin out.
        using var client = Client("127.0.0.2");
        async Task<HttpStatusCode> Try(string password)
        {
            var page = await client.GetStringAsync("login");
            using var response = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_form"] = FormToken().Match(page).Groups[1].Value,
                ["user"] = "admin",
                ["password"] = password,
            }));
            return response.StatusCode;
        }
        for (var i = 0; i < 5; i++)
        {
            (await Try($"guess-{i}")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await Try(ConsoleWorker.AdminPassword)).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Pages_WithoutASession_OnlyHealthAnswers()
    {
        using var client = Client("127.0.0.1", redirects: false);
        foreach (var page in new[] { "", "board/2026", "campaigns/qh-2026-netcafe", "leader", "admin", "campaigns/qh-2026-netcafe/template.csv" })
        {
            using var response = await client.GetAsync(page);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            response.Headers.Location!.ToString().ShouldBe("/login", page);
        }
        (await client.GetAsync("health")).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
    }
}
