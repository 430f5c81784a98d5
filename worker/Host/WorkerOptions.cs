namespace Campaigns.Host;

/// <summary>
/// Settings of the worker (section "Campaigns"). Relative folders are resolved against <see cref="Root"/>,
/// which defaults to the repository folder the worker runs from.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Campaigns";

    public string Root { get; set; } = "";

    public string Plans { get; set; } = "config/plans";

    public string Calendar { get; set; } = "config/calendar";

    public string Directories { get; set; } = "config/directories";

    public string Templates { get; set; } = "templates";

    public string Database { get; set; } = "data/campaigns.db";

    public string Documents { get; set; } = "out/documents";

    public string MailPickup { get; set; } = "out/mail";

    /// <summary>Zone of the tick's cron; each plan's own dates use the plan's office zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Quartz cron for the daily tick (seconds first): 08:00 every day.</summary>
    public string TickCron { get; set; } = "0 0 8 * * ?";

    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A message refused this many times (the pass's try, then its Hangfire job's) is a dead letter: a Failed job.
    /// Hangfire's retries wait 1, 2, 4, … minutes, then a day.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>Names this process in the transition log.</summary>
    public string Instance { get; set; } = Environment.MachineName;

    /// <summary>Sender shown on every message.</summary>
    public string FromName { get; set; } = "双随机一公开工作提醒";

    public string FromAddress { get; set; } = "campaigns@localhost";

    /// <summary>No host: mail goes to <see cref="MailPickup"/> as .eml files (the embedded default).</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    /// <summary>None, StartTls (submission, 587), or ImplicitTls (SMTPS, 465).</summary>
    public Mail.SmtpSecurity SmtpSecurity { get; set; }

    /// <summary>The earlier name for <c>SmtpSecurity: StartTls</c>; still honoured so an old setting never silently drops TLS.</summary>
    public bool SmtpUseSsl { get; set; }

    public string? SmtpUserName { get; set; }

    /// <summary>Set through the environment (Campaigns__SmtpPassword), never in a file that is committed.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>Or a file holding only the password (a mounted secret); one trailing line break is ignored.</summary>
    public string? SmtpPasswordFile { get; set; }

    /// <summary>
    /// The SHA-256 of the server's certificate (hex, colons allowed): when set, that certificate and no other is trusted,
    /// whoever signed it (a private relay with a self-signed certificate). Unset, the system's trusted roots decide.
    /// </summary>
    public string? SmtpCertificateSha256 { get; set; }

    /// <summary>
    /// How many SMTP connections a dispatch pass opens at once. Messages to one address always go through one of them,
    /// in order; a relay that limits connections per client wants this at or below its limit.
    /// </summary>
    public int SmtpConnections { get; set; } = 4;

    /// <summary>How many due outbox rows one claim takes; on PostgreSQL other instances take the rows after them meanwhile.</summary>
    public int DispatchBatchSize { get; set; } = 200;

    /// <summary>When set (with <see cref="DkimDomain"/> and <see cref="DkimSelector"/>), every message is DKIM-signed with this PEM RSA key.</summary>
    public string? DkimPrivateKeyFile { get; set; }

    /// <summary>The signing domain (d=): the sender's domain, whose DNS publishes the public key at selector._domainkey.domain.</summary>
    public string? DkimDomain { get; set; }

    public string? DkimSelector { get; set; }

    /// <summary>How long one message may take, connection included, before the server counts as unavailable.</summary>
    public TimeSpan SmtpTimeout { get; set; } = Mail.SmtpSettings.DefaultTimeout;

    /// <summary>
    /// Where the running worker's HTTP host listens: /health, /metrics and the jobs dashboard at /jobs. Loopback by
    /// default: a monitoring agent on the machine, a reverse proxy or an SSH tunnel reaches it; nothing else does.
    /// </summary>
    public string HttpAddress { get; set; } = "127.0.0.1";

    /// <summary>0 takes any free port (tests; several workers on one machine); the port is logged at start.</summary>
    public int HttpPort { get; set; } = 8081;

    /// <summary>The one admin login of the jobs dashboard.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>
    /// The admin's password as a PBKDF2 hash (ASP.NET Core Identity's format), printed by `campaigns hash-password`;
    /// never the password itself. Unset, the dashboard admits no one.
    /// </summary>
    public string? AdminPasswordHash { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Empty: none, so a
    /// request through a proxy on this machine is not taken for a local one.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Hangfire workers in this process: each runs one job (a batch of messages) at a time.</summary>
    public int JobWorkers { get; set; } = 4;

    /// <summary>
    /// Plans whose facts are read, and whose documents and mail are made, at once in a tick; 0 (the default) is one per
    /// processor. The engine and the store's apply take the plans one at a time in file order whatever this says.
    /// </summary>
    public int TickParallelism { get; set; }

    /// <summary>The daily cron plus slack: a worker whose last tick is older than this is stuck or its scheduler stopped.</summary>
    public TimeSpan HealthMaxTickAge { get; set; } = TimeSpan.FromHours(26);

    /// <summary>A message due this long without leaving means the mail server is down or the dispatcher stopped.</summary>
    public TimeSpan HealthMaxOutboxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>simple (one text line per entry) or json (one JSON object per line, for journald and log shippers).</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>
    /// When set, ticks come every this long instead of on <see cref="TickCron"/>: for an office that wants the day's
    /// changes sooner than the next morning, and for a cluster run on a fast clock (<see cref="ClockStart"/>).
    /// </summary>
    public TimeSpan? TickInterval { get; set; }

    /// <summary>
    /// A clock several processes agree on without asking each other (a rehearsal, a fault test): at the real instant
    /// <see cref="ClockOrigin"/> it reads <see cref="ClockStart"/>, and it runs <see cref="ClockSpeed"/> times as fast.
    /// Unset, the worker runs on the real clock.
    /// </summary>
    public DateTimeOffset? ClockStart { get; set; }

    public DateTimeOffset? ClockOrigin { get; set; }

    public double ClockSpeed { get; set; } = 1;

    /// <summary>How often each clustered instance (PostgreSQL) tells the others it is alive; a silent one's work is taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>
    /// The web console's signing key: base64 of at least 32 random bytes (`openssl rand -base64 32`), from the environment
    /// (Campaigns__ConsoleKey) or <see cref="ConsoleKeyFile"/>, never a committed file. It signs the personal links in mail,
    /// the console's session cookies and its form tokens; replacing it revokes every link and session at once. Unset, the
    /// console serves nothing but its refusal and mail carries no link.
    /// </summary>
    public string? ConsoleKey { get; set; }

    /// <summary>Or a file holding only the key (a mounted secret).</summary>
    public string? ConsoleKeyFile { get; set; }

    /// <summary>
    /// The console's address as offices reach it (the reverse proxy's https URL, e.g. https://campaigns.example.gov.cn/).
    /// Every mail to an office, department or leader carries its personal link under it; unset, mail carries no link.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a personal link in a mail opens the console.</summary>
    public TimeSpan ConsoleLinkLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>How long a console session (a link opened, or an admin login) lasts before the link or password is needed again.</summary>
    public TimeSpan ConsoleSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public Mail.SmtpSecurity EffectiveSmtpSecurity =>
        SmtpUseSsl && SmtpSecurity == Mail.SmtpSecurity.None ? Mail.SmtpSecurity.StartTls : SmtpSecurity;

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));
}
