using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Jobs;
using Campaigns.Mail;
using Campaigns.Storage;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>
/// Times a province day of reminders (a benchmark, not a test): render through the real templates, then send through
/// the real outbox path (claim, send, mark: <see cref="OutboxDispatcher"/> over <see cref="SmtpTransport"/>) to a server
/// that discards (Postfix's smtp-sink in ops/bench-mail), on SQLite and, given --postgres, on PostgreSQL, with one
/// connection and with the worker's default number. Then two parts of that send alone: the outbox over a transport that
/// sends nothing, and one kept connection sending every message without the outbox. Then the worker's own path: a running
/// worker (Hangfire, its storage on each store) whose sweep enqueues the pass (<see cref="OutboxJob"/>) that sends them all,
/// with Hangfire's rate for jobs that do nothing on the same storage beside it.
/// </summary>
public static class BenchMailCommand
{
    // The outbox compares due times only with this clock, so a fixed instant serves; no machine clock is read.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 8, 0, 0, TimeSpan.FromHours(8));

    // Renders before timing starts: JIT compilation and the templates' first-call paths are not the steady rate.
    private const int Warmup = 200;

    // Messages sent through each store's outbox, and over one kept connection, before the sends are timed.
    private const int SendWarmup = 2_000;

    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "reminders to render and send", DefaultValueFactory = _ => 10_000 };
        var host = new Option<string>("--host") { Description = "SMTP server that accepts and discards (smtp-sink)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "its port", Required = true };
        var connections = new Option<int>("--connections")
        {
            Description = "SMTP connections of the second run (the worker's default)", DefaultValueFactory = _ => new WorkerOptions().SmtpConnections,
        };
        var postgres = new Option<string?>("--postgres") { Description = "a PostgreSQL server to run the outbox on too (a database is made there)" };
        var command = new Command("bench-mail", "Benchmark: render, queue and send a province day of reminders to an SMTP sink.")
        {
            messages, host, port, connections, postgres,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Directory.CreateTempSubdirectory("campaigns-bench-mail-");
            try
            {
                return await RunAsync(new Run(parse.GetValue(messages), parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(connections),
                    parse.GetValue(postgres), folder.FullName), cancellationToken);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });
        return command;
    }

    private sealed record Run(int Messages, string Host, int Port, int Connections, string? Postgres, string Folder);

    private static async Task<int> RunAsync(Run run, CancellationToken cancellationToken)
    {
        // ops/bench-mail reads the figures back: a decimal point and no locale's digit grouping surprises.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var n = run.Messages;
        var clock = new SimulatedClock(Now);
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Database"] = Path.Combine(run.Folder, "campaigns.db"),
            ["Campaigns:Documents"] = Path.Combine(run.Folder, "documents"),
            ["Campaigns:MailPickup"] = Path.Combine(run.Folder, "mail"),
            ["Campaigns:Instance"] = "bench-mail",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var app = WorkerHost.Build([], schedule: false, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var options = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        var composer = app.Services.GetRequiredService<MailComposer>();
        var from = new Contact(options.FromName, options.FromAddress, null);

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
        Console.WriteLine($"size: {WireSize(rendered[0], from, Path.Combine(run.Folder, "sample"), cancellationToken)} bytes per message as sent " +
            "(headers, text and HTML in base64)");

        var smtp = new SmtpSettings(run.Host, run.Port, SmtpSecurity.None, null, null, SmtpSettings.DefaultTimeout);
        List<(string Name, Func<StoreProvider> Open)> stores = [("sqlite", () => new SqliteProvider(Path.Combine(run.Folder, $"outbox-{Guid.NewGuid():N}.db")))];
        if (run.Postgres is { } server)
        {
            stores.Add(("postgresql", () => new PostgresProvider(PostgresStoreCopy.CreateDatabase(server, "campaigns_bench_mail"))));
        }
        // The send path warmed up as a running worker's is: the runtime compiles hot methods again, optimised, only after
        // they have run a while, and the first timed run otherwise paid for that (about 1,250 against 1,850 messages/s on
        // one connection, measured). A worker runs for months; the first few thousand messages of its life are not its rate.
        foreach (var (_, open) in stores)
        {
            using var transport = new SmtpTransport(smtp, from, clock);
            await Outbox(open(), transport, run.Connections, options, clock, [.. rendered.Take(SendWarmup)], cancellationToken);
        }
        OneConnection([.. rendered.Take(SendWarmup)], from, smtp, clock, cancellationToken);
        // The send path's CPU parts alone, one thread: MimeKit building each message (Prepare picks the parts' 7-bit
        // encodings, base64 for Chinese text), then writing it as the transport does; what is left of a send is the SMTP
        // exchange and the store's work. One message built, written and dropped at a time, as a sender does: building all
        // of them before writing any measured 68-170 µs a build in a harness where this took 17-18 µs (the messages held
        // went through the collector's older generations). Timed on the fourth pass over the messages: after the sends'
        // warm-up the runtime was still compiling MimeKit's hot methods again, and four passes in a row measured 74, 41,
        // 28 and 21 µs a build.
        var (build, write) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var pass = 0; pass < 4; pass++)
        {
            (build, write) = (TimeSpan.Zero, TimeSpan.Zero);
            foreach (var message in rendered)
            {
                var started = Stopwatch.GetTimestamp();
                using var mime = MailMessages.Build(Envelope(message), from);
                var builtAt = Stopwatch.GetTimestamp();
                mime.WriteTo(Stream.Null, cancellationToken);
                build += Stopwatch.GetElapsedTime(started, builtAt);
                write += Stopwatch.GetElapsedTime(builtAt);
            }
        }
        Console.WriteLine($"mime: {n:N0} MimeKit messages built in {build.TotalMilliseconds * 1000 / n:F0} µs each and written in " +
            $"{write.TotalMilliseconds * 1000 / n:F0} µs each = {n / (build + write).TotalSeconds:F1} messages/s (one thread)");
        foreach (var (name, open) in stores)
        {
            foreach (var connections in new[] { 1, run.Connections }.Distinct())
            {
                using var transport = new SmtpTransport(smtp, from, clock);
                var elapsed = await Outbox(open(), transport, connections, options, clock, rendered, cancellationToken);
                Console.WriteLine($"send: store={name} connections={connections} {n:N0} messages through OutboxDispatcher and SmtpTransport " +
                    $"(claim in batches of {options.DispatchBatchSize}, send, mark) in {elapsed.TotalSeconds:F2} s = {n / elapsed.TotalSeconds:F1} messages/s");
            }
        }

        foreach (var (name, connectionString) in JobStores(run))
        {
            var (messagesTook, jobs, jobsTook) = await ThroughHangfire(run, name, connectionString, rendered, cancellationToken);
            Console.WriteLine($"hangfire: store={name} connections={run.Connections} {n:N0} messages enqueued by the sweep as one OutboxJob pass " +
                $"in {messagesTook.TotalSeconds:F2} s = {n / messagesTook.TotalSeconds:F1} messages/s; " +
                $"{jobs:N0} empty jobs in {jobsTook.TotalSeconds:F2} s = {jobs / jobsTook.TotalSeconds:F1} jobs/s");
        }

        var alone = await Outbox(stores[0].Open(), new DiscardTransport(), run.Connections, options, clock, rendered, cancellationToken);
        Console.WriteLine($"outbox alone: store=sqlite connections={run.Connections}, a transport that sends nothing (claim, mark) = " +
            $"{n / alone.TotalSeconds:F1} messages/s ({alone.TotalMilliseconds * 1000 / n:F0} µs per message)");

        var reused = OneConnection(rendered, from, smtp, clock, cancellationToken);
        Console.WriteLine($"one connection: a single kept SmtpTransport connection sending all {n:N0} (no outbox) = {n / reused.TotalSeconds:F1} messages/s");
        return 0;
    }

    private static IEnumerable<(string Name, string? ConnectionString)> JobStores(Run run)
    {
        yield return ("sqlite", null);
        if (run.Postgres is { } server)
        {
            yield return ("postgresql", PostgresStoreCopy.CreateDatabase(server, "campaigns_bench_hangfire"));
        }
    }

    // Empty jobs enqueued to time Hangfire itself: as many as a province day has digest batches, give or take.
    private const int EmptyJobs = 1_000;

    /// <summary>A job that does nothing: what Hangfire alone costs per job.</summary>
    public static void Nothing()
    {
    }

    /// <summary>
    /// A running worker (Quartz off, Hangfire on, its storage on <paramref name="connectionString"/>'s server or in memory beside
    /// SQLite): the messages are queued in its store, its sweep enqueues the pass, and the clock stops when the outbox is empty.
    /// Then <see cref="EmptyJobs"/> jobs that do nothing, enqueued at once and timed until the last has succeeded.
    /// </summary>
    private static async Task<(TimeSpan Messages, int Jobs, TimeSpan JobsTook)> ThroughHangfire(
        Run run, string name, string? connectionString, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(run.Folder, $"hangfire-{name}")).FullName;
        var plans = Directory.CreateDirectory(Path.Combine(folder, "plans")).FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Campaigns:Database"] = Path.Combine(folder, "campaigns.db"),
            ["Campaigns:Plans"] = plans,
            ["Campaigns:Documents"] = Path.Combine(folder, "documents"),
            ["Campaigns:MailPickup"] = Path.Combine(folder, "mail"),
            ["Campaigns:Instance"] = "bench-mail",
            ["Campaigns:SmtpHost"] = run.Host,
            ["Campaigns:SmtpPort"] = run.Port.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:SmtpConnections"] = run.Connections.ToString(CultureInfo.InvariantCulture),
            ["Campaigns:HttpPort"] = "0",
            // The bench's sweep starts the pass; the worker's own, an hour away, stays out of the timing.
            ["Campaigns:DispatchInterval"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (connectionString is not null)
        {
            settings["Storage:Provider"] = "PostgreSql";
            settings["Storage:ConnectionString"] = connectionString;
        }
        var clock = new SimulatedClock(Now);
        using var app = WorkerHost.Build([], schedule: true, settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await app.StartAsync(cancellationToken);
        try
        {
            var store = app.Services.GetRequiredService<CampaignStore>();
            var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            // The start's own sweep and tick find nothing owed; wait until they are done before queueing.
            await Settled(() => true);
            store.Apply(ProvinceReminders.Plan(0), new TickOutcome([], [], [], []), [], messages, DateOnly.FromDateTime(Now.DateTime), Now, "bench-mail");
            var watch = Stopwatch.StartNew();
            app.Services.GetRequiredService<OutboxSweep>().Enqueue();
            await Settled(() => store.DueDeliveries(clock.GetUtcNow(), 1).Count == 0);
            var sending = watch.Elapsed;
            var sent = store.Deliveries("sent").Count;
            if (sent != messages.Count)
            {
                throw new InvalidOperationException($"bench-mail: Hangfire sent {sent:N0} of {messages.Count:N0}");
            }

            var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
            var succeeded = monitoring.GetStatistics().Succeeded;
            watch.Restart();
            for (var i = 0; i < EmptyJobs; i++)
            {
                jobs.Enqueue(() => Nothing());
            }
            await Settled(() => monitoring.GetStatistics().Succeeded >= succeeded + EmptyJobs);
            return (sending, EmptyJobs, watch.Elapsed);

            async Task Settled(Func<bool> done)
            {
                // Polled every 20 ms, the cheap condition first: on PostgreSQL each monitoring call is a query that competes
                // with the work being timed.
                while (!(done() && monitoring.EnqueuedCount(OutboxJob.Queue) == 0 && monitoring.EnqueuedCount("default") == 0 && monitoring.ProcessingCount() == 0))
                {
                    await Task.Delay(20, cancellationToken);
                }
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The size of a message as it goes on the wire, through the pickup folder transport.</summary>
    private static long WireSize(OutboxMessage message, Contact from, string folder, CancellationToken cancellationToken)
    {
        new PickupFolderTransport(folder, from).Send(Envelope(message), cancellationToken);
        return new FileInfo(Directory.GetFiles(folder, "*.eml").Single()).Length;
    }

    /// <summary>Queues every message in a fresh store, then times dispatch passes until all are sent.</summary>
    private static async Task<TimeSpan> Outbox(
        StoreProvider provider, IMailTransport transport, int connections, WorkerOptions defaults, TimeProvider clock,
        IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        using var owned = provider;
        var store = CampaignStore.Open(provider, clock);
        store.Apply(ProvinceReminders.Plan(0), new TickOutcome([], [], [], []), [], messages, DateOnly.FromDateTime(Now.DateTime), Now, "bench-mail");
        var options = new WorkerOptions { SmtpConnections = connections, DispatchBatchSize = defaults.DispatchBatchSize, Documents = defaults.Documents };
        var dispatcher = new OutboxDispatcher(Options.Create(options), store, transport, clock, NullLogger<OutboxDispatcher>.Instance);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        int pass;
        while (sent < messages.Count && (pass = await dispatcher.DispatchAsync(cancellationToken)) > 0)
        {
            sent += pass;
        }
        var elapsed = watch.Elapsed;
        if (store.Deliveries("sent").Count != messages.Count)
        {
            var error = store.Deliveries().FirstOrDefault(d => d.LastError is not null)?.LastError;
            throw new InvalidOperationException($"bench-mail: {sent:N0} of {messages.Count:N0} sent; {error ?? "no error recorded"}");
        }
        return elapsed;
    }

    private static TimeSpan OneConnection(IReadOnlyList<OutboxMessage> messages, Contact from, SmtpSettings smtp, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var transport = new SmtpTransport(smtp, from, clock);
        var watch = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            transport.Send(Envelope(message), cancellationToken);
        }
        transport.EndPass(cancellationToken);
        return watch.Elapsed;
    }

    private static MailEnvelope Envelope(OutboxMessage message) => new(
        OutboxDispatcher.MessageId(message.IdempotencyKey), Now, [new Contact(message.RecipientName, message.RecipientEmail, null)],
        message.Subject, message.TextBody, message.HtmlBody, []);
}
