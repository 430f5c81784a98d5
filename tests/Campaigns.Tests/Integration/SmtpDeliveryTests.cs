using System.Globalization;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Tests.Integration;

/// <summary>The `run` host configured for SMTP (Campaigns:SmtpHost) against a real server: what the tick owes arrives.</summary>
public class SmtpDeliveryTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly SmtpServer _server = SmtpServer.Start();

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Run_SmtpHostConfigured_EveryOwedMessageArrivesOnceWithItsMessageId()
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var host = WorkerHost.Build([], schedule: true,
            new Dictionary<string, string?>
            {
                ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
                ["Campaigns:Directories"] = Repository.Path("config", "directories"),
                ["Campaigns:Database"] = _dir.File("campaigns.db"),
                ["Campaigns:Documents"] = _dir.File("documents"),
                ["Campaigns:MailPickup"] = _dir.File("mail"),
                ["Campaigns:SmtpHost"] = _server.Host,
                ["Campaigns:SmtpPort"] = _server.Port.ToString(CultureInfo.InvariantCulture),
                ["Campaigns:HttpPort"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new DrawSeedSource("smtp-test"));
            }))
        {
            await host.StartAsync();
            await HostTicks.WaitFor(host);
            await host.StopAsync();
        }

        var deliveries = CampaignStore.Open(_dir.File("campaigns.db")).Deliveries();
        deliveries.ShouldNotBeEmpty();
        deliveries.ShouldAllBe(d => d.State == "sent");
        var received = _server.Received();
        // Several connections send at once: each message arrives once, in order per recipient but not across recipients.
        received.Select(m => (m.MessageId, m.Subject)).ShouldBe(
            deliveries.Select(d => ((string?)$"<{OutboxDispatcher.MessageId(d.IdempotencyKey)}@campaigns.local>", (string?)d.Subject)), ignoreOrder: true);
        foreach (var recipient in deliveries.GroupBy(d => d.RecipientEmail))
        {
            received.Where(m => m.To.EndsWith($"<{recipient.Key}>")).Select(m => m.MessageId)
                .ShouldBe(recipient.Select(d => $"<{OutboxDispatcher.MessageId(d.IdempotencyKey)}@campaigns.local>"));
        }
        received.ShouldAllBe(m => m.Text != null && m.Text.Length > 0);
        Directory.Exists(_dir.File("mail")).ShouldBeFalse("with an SMTP host, nothing goes to the pickup folder");

        // Each inspector's assignment carries the group's window as an iCalendar event (RFC 5545), read back from the server.
        var assignments = received.Where(m => m.Subject!.StartsWith("您已被抽取参加")).ToList();
        assignments.ShouldNotBeEmpty();
        foreach (var mail in assignments)
        {
            var calendar = mail.Attachments.Single(a => a.FileName!.EndsWith(".ics"));
            calendar.MediaType.ShouldBe("text/calendar");
            var lines = System.Text.Encoding.UTF8.GetString(calendar.Body).Replace("\r\n ", "").Split("\r\n");
            lines.ShouldContain("BEGIN:VEVENT");
            lines.ShouldContain(l => l.StartsWith("DTSTART;VALUE=DATE:2026"));
            lines.ShouldContain(l => l.StartsWith("SUMMARY:") && l.Contains("检查组实地检查"));
        }
    }
}
