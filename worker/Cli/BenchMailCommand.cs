using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Mail;
using System.Text;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>
/// Times a province day of reminders (a benchmark, not a test): render through the real templates, queue in a
/// real outbox (SQLite in a temporary folder), and send with the real dispatcher and SMTP transport to a server
/// that discards (Postfix's smtp-sink in ops/bench). Then two parts of that send alone: the outbox with a transport
/// that sends nothing, and one SmtpClient sending every message, which is what reusing a connection would give.
/// </summary>
public static class BenchMailCommand
{
    // The outbox compares due times only with this clock, so a fixed instant serves; no machine clock is read.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 8, 0, 0, TimeSpan.FromHours(8));

    // Renders before timing starts: JIT compilation and Handlebars' first-call paths are not the steady rate.
    private const int Warmup = 200;

    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "reminders to render and send", DefaultValueFactory = _ => 10_000 };
        var host = new Option<string>("--host") { Description = "SMTP server that accepts and discards (smtp-sink)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "its port", Required = true };
        var command = new Command("bench-mail", "Benchmark: render, queue and send a province day of reminders to an SMTP sink.") { messages, host, port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Directory.CreateTempSubdirectory("campaigns-bench-mail-");
            try
            {
                return await RunAsync(parse.GetValue(messages), parse.GetValue(host)!, parse.GetValue(port), folder.FullName, cancellationToken);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(int n, string host, int port, string folder, CancellationToken cancellationToken)
    {
        // ops/bench reads the figures back: a decimal point and no locale's digit grouping surprises.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var clock = new SimulatedClock(Now);
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Database"] = Path.Combine(folder, "campaigns.db"),
            ["Campaigns:Documents"] = Path.Combine(folder, "documents"),
            ["Campaigns:MailPickup"] = Path.Combine(folder, "mail"),
            ["Campaigns:Instance"] = "bench-mail",
            ["Campaigns:SmtpHost"] = host,
            ["Campaigns:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:SmtpSecurity"] = nameof(SmtpSecurity.None),
            ["Campaigns:SmtpUseSsl"] = "false",
            ["Campaigns:SmtpUserName"] = null,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var app = WorkerHost.Build([], schedule: false, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var options = app.Services.GetRequiredService<IOptions<WorkerOptions>>();
        var composer = app.Services.GetRequiredService<MailComposer>();
        var store = app.Services.GetRequiredService<CampaignStore>();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var from = new Contact(options.Value.FromName, options.Value.FromAddress, null);

        var orders = ProvinceReminders.Orders(n);
        foreach (var order in orders.Take(Warmup))
        {
            composer.Compose(order);
        }
        var watch = Stopwatch.StartNew();
        List<OutboxMessage> rendered = [.. orders.Select(composer.Compose)];
        var render = watch.Elapsed;
        var templates = rendered.Sum(m => m.HtmlBody is null ? 1 : 2);
        var bodyBytes = rendered.Average(m => Encoding.UTF8.GetByteCount(m.TextBody) + Encoding.UTF8.GetByteCount(m.HtmlBody ?? ""));
        Console.WriteLine($"render: {n:N0} reminders ({ProvinceReminders.OpenItems} open items each; {templates:N0} templates, text and HTML) " +
            $"in {render.TotalMilliseconds:N0} ms = {templates / render.TotalSeconds:F0} templates/s ({n / render.TotalSeconds:F0} messages/s); " +
            $"{bodyBytes:F0} bytes of UTF-8 text and HTML per message");
        Console.WriteLine($"size: {await WireSize(rendered[0], from, Path.Combine(folder, "sample"), cancellationToken)} bytes per message as sent " +
            "(headers, text and HTML in base64)");

        var plan = ProvinceReminders.Plan(0);
        var empty = new TickOutcome([], [], [], []);
        var today = DateOnly.FromDateTime(Now.DateTime);
        watch.Restart();
        var queued = store.Apply(plan, empty, [], rendered, today, Now, "bench-mail").DeliveriesQueued.Count;
        Console.WriteLine($"queue: {queued:N0} outbox rows in one transaction in {watch.Elapsed.TotalMilliseconds:N0} ms");

        watch.Restart();
        var sent = 0;
        int pass;
        while (sent < n && (pass = await dispatcher.DispatchAsync(cancellationToken)) > 0)
        {
            sent += pass;
        }
        var send = watch.Elapsed;
        if (store.Deliveries("sent").Count != n)
        {
            var error = store.Deliveries().FirstOrDefault(d => d.LastError is not null)?.LastError;
            await Console.Error.WriteLineAsync($"bench-mail: {sent:N0} of {n:N0} sent to {host}:{port}; {error ?? "no error recorded"}");
            return 1;
        }
        Console.WriteLine($"send: {n:N0} messages through OutboxDispatcher and SmtpTransport to {host}:{port} (claim, send, mark) " +
            $"in {send.TotalSeconds:F2} s = {n / send.TotalSeconds:F1} messages/s");
        Console.WriteLine("connections: SmtpTransport makes a new SmtpClient for every message, so every message is its own SMTP session " +
            "(connect, EHLO, MAIL, RCPT, DATA, QUIT), one at a time");

        var outbox = await OutboxAlone(options, clock, rendered, Path.Combine(folder, "outbox-alone.db"), today, cancellationToken);
        Console.WriteLine($"outbox alone: the same dispatcher over a transport that sends nothing (claim, mark) = {n / outbox.TotalSeconds:F1} messages/s " +
            $"({outbox.TotalMilliseconds * 1000 / n:F0} µs of the {send.TotalMilliseconds * 1000 / n:F0} µs per message)");

        var reused = await OneClient(rendered, from, host, port, cancellationToken);
        Console.WriteLine($"one connection: a single SmtpClient sending all {n:N0} (no outbox) = {n / reused.TotalSeconds:F1} messages/s " +
            "(what reusing a connection would give; smtp-sink's session count shows whether SmtpClient did reuse it)");
        return 0;
    }

    /// <summary>The size of a message as SmtpClient writes it, through the pickup folder transport.</summary>
    private static async Task<long> WireSize(OutboxMessage message, Contact from, string folder, CancellationToken cancellationToken)
    {
        await new PickupFolderTransport(folder, from).SendAsync(Envelope(message), cancellationToken);
        return new FileInfo(Directory.GetFiles(folder, "*.eml").Single()).Length;
    }

    private static async Task<TimeSpan> OutboxAlone(
        IOptions<WorkerOptions> options, TimeProvider clock, IReadOnlyList<OutboxMessage> messages, string database, DateOnly today, CancellationToken cancellationToken)
    {
        var store = CampaignStore.Open(database);
        store.Apply(ProvinceReminders.Plan(0), new TickOutcome([], [], [], []), [], messages, today, Now, "bench-mail");
        var dispatcher = new OutboxDispatcher(options, store, new DiscardTransport(), clock, NullLogger<OutboxDispatcher>.Instance);
        var watch = Stopwatch.StartNew();
        var sent = await dispatcher.DispatchAsync(cancellationToken);
        var elapsed = watch.Elapsed;
        return sent == messages.Count ? elapsed : throw new InvalidOperationException($"The outbox alone sent {sent} of {messages.Count}.");
    }

    private static async Task<TimeSpan> OneClient(IReadOnlyList<OutboxMessage> messages, Contact from, string host, int port, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(host, port);
        var watch = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            using var mail = MailMessages.Build(Envelope(message), from);
            await client.SendMailAsync(mail, cancellationToken);
        }
        return watch.Elapsed;
    }

    private static MailEnvelope Envelope(OutboxMessage message) => new(
        OutboxDispatcher.MessageId(message.IdempotencyKey), Now, [new Contact(message.RecipientName, message.RecipientEmail, null)],
        message.Subject, message.TextBody, message.HtmlBody, []);
}
