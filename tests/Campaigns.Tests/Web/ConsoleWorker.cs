using System.Net;
using System.Net.Sockets;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenQA.Selenium.Chrome;

namespace Campaigns.Tests.Web;

/// <summary>
/// A running worker on the sample plan on 6 July 2026 (the internet-café campaign's results overdue, the food campaign's
/// still due), with the console on (a key, a public address, an admin password), its first tick's mail sent to the pickup
/// folder, a second plan file with an error, and one headless Chromium for the test class. Screenshots go to
/// $TMPDIR/campaigns-screenshots.
/// </summary>
public sealed class ConsoleWorker : IAsyncLifetime
{
    public const string AdminPassword = "控制台测试-口令-2026";
    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.3");

    public const string Key = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    private readonly TempFolder _dir = new();

    public SimulatedClock Clock { get; } = new(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.FromHours(8)));

    public IHost Host { get; private set; } = null!;

    public ChromeDriver Driver { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Mail => _dir.File("mail");

    public string Downloads => _dir.File("downloads");

    public string Work => _dir.File("work");

    public static string Shots { get; } = Path.Combine(Path.GetTempPath(), "campaigns-screenshots");

    public async Task InitializeAsync()
    {
        var plans = Directory.CreateDirectory(_dir.File("plans")).FullName;
        File.Copy(Repository.Path("config", "plans", "2026.yaml"), Path.Combine(plans, "2026.yaml"));
        // Another office's plan with an error on line 3, which never parsed: the admin page must show it at its line.
        File.WriteAllText(Path.Combine(plans, "2027-broken.yaml"), "year: 2027\noffice:\n  name: [未闭合\n");
        Directory.CreateDirectory(Downloads);
        Directory.CreateDirectory(Work);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Host = WorkerHost.Build([], schedule: true, new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = plans,
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Database"] = _dir.File("campaigns.db"),
            ["Campaigns:Documents"] = _dir.File("documents"),
            ["Campaigns:MailPickup"] = Mail,
            ["Campaigns:HttpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaigns:ConsoleKey"] = Key,
            ["Campaigns:PublicBaseUrl"] = BaseAddress.ToString(),
            ["Campaigns:AdminPasswordHash"] = Campaigns.Hosting.AdminPassword.Hash(AdminPassword),
            // A proxy on another loopback address, so a test can speak through it (X-Forwarded-Proto: https).
            ["Campaigns:KnownProxies:0"] = Proxy.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        }, s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton(new DrawSeedSource("console-test"));
        });
        await Host.StartAsync();
        await HostTicks.WaitFor(Host);
        Driver = Browser.Start(Downloads);
    }

    /// <summary>The personal link in the first mail to <paramref name="recipient"/> whose subject contains <paramref name="subject"/>.</summary>
    public string LinkFromMail(string recipient, string subject)
    {
        foreach (var file in Directory.GetFiles(Mail, "*.eml").Order(StringComparer.Ordinal))
        {
            using var message = MimeKit.MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => m.Address == recipient) && (message.Subject ?? "").Contains(subject, StringComparison.Ordinal))
            {
                var text = message.TextBody ?? "";
                var at = text.IndexOf(BaseAddress + "c/", StringComparison.Ordinal);
                at.ShouldBeGreaterThanOrEqualTo(0, $"the mail to {recipient} carries no console link:\n{text}");
                return new string([.. text[at..].TakeWhile(c => !char.IsWhiteSpace(c))]);
            }
        }
        throw new InvalidOperationException($"no mail to {recipient} about {subject} in {Mail}: " +
            string.Join("; ", Directory.GetFiles(Mail, "*.eml").Select(f => { using var m = MimeKit.MimeMessage.Load(f); return $"{m.To} {m.Subject}"; })));
    }

    public void Open(string pathOrUrl) => Driver.Navigate().GoToUrl(pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : new Uri(BaseAddress, pathOrUrl).ToString());

    public void Shoot(string name) => Browser.Shoot(Driver, Shots, name);

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        await Host.StopAsync();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
