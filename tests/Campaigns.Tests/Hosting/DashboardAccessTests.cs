using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Campaigns.Hosting;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Hosting;

/// <summary>The Hangfire dashboard at /jobs admits the configured admin only, whatever the request's origin.</summary>
public class DashboardAccessTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly WorkerHttpHost _worker = new();

    public void Dispose()
    {
        _worker.Dispose();
        GC.SuppressFinalize(this);
    }

    private static HttpRequestMessage Jobs(string? user = null, string? password = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "jobs");
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
        return request;
    }

    [Fact]
    public async Task Jobs_AdminHashConfigured_OnlyTheAdminsPasswordOpensIt()
    {
        // The configured proxy is elsewhere: this loopback client is an unknown proxy, and a local request is no pass.
        using var host = _worker.Build(new Dictionary<string, string?>
        {
            ["Campaigns:AdminPasswordHash"] = AdminPassword.Hash(Password),
            ["Campaigns:KnownProxies:0"] = "10.9.9.9",
        });
        await host.StartAsync();
        using var http = HostHttp.Client(host);

        using (var anonymous = await http.SendAsync(Jobs()))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            anonymous.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Basic");
        }
        (await http.SendAsync(Jobs(forwardedFor: "203.0.113.7"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "through a simulated proxy");
        (await http.SendAsync(Jobs(forwardedFor: "127.0.0.1"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a forged local origin");
        (await http.SendAsync(Jobs("admin", "wrong"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.SendAsync(Jobs("root", Password))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("jobs/jobs/failed")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "every page of the dashboard, not only its start");
        using var admin = await http.SendAsync(Jobs("admin", Password, forwardedFor: "203.0.113.7"));
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).ShouldContain("双随机一公开 · 后台任务");
        await host.StopAsync();
    }

    [Fact]
    public async Task Jobs_NoHashConfigured_NobodyIsAdmitted()
    {
        using var host = _worker.Build();
        await host.StartAsync();
        using var http = HostHttp.Client(host);

        (await http.SendAsync(Jobs())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "Hangfire's default admits local requests; this does not");
        (await http.SendAsync(Jobs("admin", ""))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.SendAsync(Jobs("admin", Password))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await host.StopAsync();
    }

    [Fact]
    public void Verify_HashOfThePassword_TrueForItOnly()
    {
        var hash = AdminPassword.Hash(Password);
        AdminPassword.IsHash(hash).ShouldBeTrue();
        AdminPassword.Verify(hash, Password).ShouldBeTrue();
        AdminPassword.Verify(hash, Password + " ").ShouldBeFalse();
        AdminPassword.Hash(Password).ShouldNotBe(hash, "each hash has its own salt");
        AdminPassword.IsHash(Password).ShouldBeFalse("a password pasted where the hash belongs");
        AdminPassword.Verify(Password, Password).ShouldBeFalse();
    }
}
