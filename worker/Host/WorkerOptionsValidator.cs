using System.Net;
using Campaigns.Core.Plans;
using Campaigns.Mail;
using MimeKit.Cryptography;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Host;

/// <summary>Checks every setting at start and reports all failures at once.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Campaigns:TimeZone '{options.TimeZone}' is not a known time zone.");
        }
        if (!IsCron(options.TickCron))
        {
            failures.Add($"Campaigns:TickCron '{options.TickCron}' is not a valid Quartz cron expression.");
        }
        if (options.TickInterval is { } interval && interval <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:TickInterval must be positive when set.");
        }
        if (options.ClockStart is not null && options.ClockOrigin is null)
        {
            failures.Add("Campaigns:ClockOrigin must be set with Campaigns:ClockStart (the real instant the clock reads ClockStart), so every process agrees on now.");
        }
        if (options.ClockSpeed <= 0)
        {
            failures.Add("Campaigns:ClockSpeed must be positive.");
        }
        if (options.ClusterCheckinInterval <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:ClusterCheckinInterval must be positive.");
        }
        if (options.DispatchInterval <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:DispatchInterval must be positive.");
        }
        if (options.MaxDeliveryAttempts is < 1 or > Jobs.DeliveryJob.RetryCeiling)
        {
            failures.Add($"Campaigns:MaxDeliveryAttempts {options.MaxDeliveryAttempts} must be between 1 and {Jobs.DeliveryJob.RetryCeiling}.");
        }
        if (options.SmtpPort is < 1 or > 65535)
        {
            failures.Add($"Campaigns:SmtpPort {options.SmtpPort} is not a port.");
        }
        failures.AddRange(HttpFailures(options));
        if (options.HealthMaxTickAge <= TimeSpan.Zero || options.HealthMaxOutboxDelay <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:HealthMaxTickAge and Campaigns:HealthMaxOutboxDelay must be positive.");
        }
        if (options.LogFormat is not ("simple" or "json"))
        {
            failures.Add($"Campaigns:LogFormat '{options.LogFormat}' is neither simple nor json.");
        }
        if (options.SmtpHost is not null)
        {
            failures.AddRange(SmtpFailures(options));
        }
        if (options.SmtpConnections is < 1 or > 64)
        {
            // Past a few dozen a relay refuses more connections from one client, and the store's marks become the limit.
            failures.Add($"Campaigns:SmtpConnections {options.SmtpConnections} must be between 1 and 64.");
        }
        if (options.DispatchBatchSize is < 1 or > 10_000)
        {
            failures.Add($"Campaigns:DispatchBatchSize {options.DispatchBatchSize} must be between 1 and 10000.");
        }
        if (EmailAddress.Problem(options.FromAddress) is { } from)
        {
            failures.Add($"Campaigns:FromAddress: {from}");
        }
        failures.AddRange(DkimFailures(options));
        if (!Directory.Exists(options.Resolve(options.Plans)) && !File.Exists(options.Resolve(options.Plans)))
        {
            failures.Add($"Campaigns:Plans '{options.Resolve(options.Plans)}' is neither a folder of plans nor a plan file.");
        }
        if (!Directory.Exists(options.Resolve(options.Templates)))
        {
            failures.Add($"Campaigns:Templates folder '{options.Resolve(options.Templates)}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> HttpFailures(WorkerOptions o)
    {
        if (!IPAddress.TryParse(o.HttpAddress, out _))
        {
            yield return $"Campaigns:HttpAddress '{o.HttpAddress}' is not an IP address (127.0.0.1 for loopback only).";
        }
        if (o.HttpPort is < 0 or > 65535)
        {
            yield return $"Campaigns:HttpPort {o.HttpPort} is not a port (0 takes any free one).";
        }
        foreach (var proxy in o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"Campaigns:KnownProxies '{proxy}' is not an IP address.";
        }
        if (o.ConsoleKey is { } key && Web.ConsoleKey.Decode(key) is null)
        {
            yield return $"Campaigns:ConsoleKey is not base64 of at least {Web.ConsoleKey.MinimumBytes} bytes: make one with `openssl rand -base64 32`.";
        }
        if (o.ConsoleKeyFile is { } keyFile && !File.Exists(keyFile))
        {
            yield return $"Campaigns:ConsoleKeyFile '{keyFile}' does not exist.";
        }
        if (o.PublicBaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return $"Campaigns:PublicBaseUrl '{url}' is not an http(s) address.";
        }
        if (o.ConsoleLinkLifetime <= TimeSpan.Zero || o.ConsoleSessionLifetime <= TimeSpan.Zero)
        {
            yield return "Campaigns:ConsoleLinkLifetime and Campaigns:ConsoleSessionLifetime must be positive.";
        }
        if (o.AdminPasswordHash is { } hash && !Hosting.AdminPassword.IsHash(hash))
        {
            yield return "Campaigns:AdminPasswordHash is not a password hash: put the output of `campaigns hash-password` there, never the password.";
        }
        if (string.IsNullOrWhiteSpace(o.AdminUser) || o.AdminUser.Contains(':', StringComparison.Ordinal))
        {
            yield return "Campaigns:AdminUser must be a non-empty name without ':'.";
        }
        if (o.JobWorkers < 1)
        {
            yield return "Campaigns:JobWorkers must be at least 1.";
        }
    }

    private static IEnumerable<string> SmtpFailures(WorkerOptions o)
    {
        var security = o.EffectiveSmtpSecurity;
        if (o.SmtpPort == 465 && security != SmtpSecurity.ImplicitTls)
        {
            yield return $"Campaigns:SmtpPort 465 is the SMTPS port (TLS from the first byte); with SmtpSecurity {security} the connection "
                + "would hang. Set SmtpSecurity ImplicitTls, or use port 587 with SmtpSecurity StartTls.";
        }
        if (o.SmtpCertificateSha256 is { } pin && !IsSha256(pin))
        {
            yield return "Campaigns:SmtpCertificateSha256 must be the certificate's SHA-256 in hex (64 digits, colons allowed), "
                + "as `openssl x509 -noout -fingerprint -sha256` prints it.";
        }
        if (o.SmtpTimeout <= TimeSpan.Zero)
        {
            yield return "Campaigns:SmtpTimeout must be positive.";
        }
        if (o.SmtpPassword is not null && o.SmtpPasswordFile is not null)
        {
            yield return "Campaigns:SmtpPassword and Campaigns:SmtpPasswordFile are both set; set one.";
        }
        if (o.SmtpPasswordFile is { } file)
        {
            var path = o.Resolve(file);
            if (!File.Exists(path))
            {
                yield return $"Campaigns:SmtpPasswordFile '{path}' does not exist.";
            }
            else if (new FileInfo(path).Length == 0)
            {
                yield return $"Campaigns:SmtpPasswordFile '{path}' is empty.";
            }
        }
        var hasPassword = o.SmtpPassword is not null || o.SmtpPasswordFile is not null;
        if (o.SmtpUserName is null && hasPassword)
        {
            yield return "Campaigns:SmtpUserName is not set, but a password is: set the user name, or remove the password.";
        }
        if (o.SmtpUserName is not null && !hasPassword)
        {
            yield return "Campaigns:SmtpUserName is set without a password: set Campaigns__SmtpPassword in the environment or Campaigns:SmtpPasswordFile.";
        }
        if (o.SmtpUserName is not null && security == SmtpSecurity.None && !IsLoopback(o.SmtpHost!))
        {
            yield return $"Campaigns:SmtpSecurity is None with a user name: the password would cross the network to {o.SmtpHost} in clear. Use StartTls.";
        }
    }

    private static IEnumerable<string> DkimFailures(WorkerOptions o)
    {
        if (o.DkimPrivateKeyFile is null)
        {
            if (o.DkimDomain is not null || o.DkimSelector is not null)
            {
                yield return "Campaigns:DkimDomain and Campaigns:DkimSelector are set without Campaigns:DkimPrivateKeyFile: set the key, or remove them.";
            }
            yield break;
        }
        if (o.DkimDomain is null || o.DkimSelector is null)
        {
            yield return "Campaigns:DkimPrivateKeyFile needs Campaigns:DkimDomain and Campaigns:DkimSelector.";
        }
        var path = o.Resolve(o.DkimPrivateKeyFile);
        if (!File.Exists(path))
        {
            yield return $"Campaigns:DkimPrivateKeyFile '{path}' does not exist.";
            yield break;
        }
        string? error = null;
        try
        {
            _ = new DkimSigner(path, o.DkimDomain ?? "x", o.DkimSelector ?? "x");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = e.Message;
        }
        if (error is not null)
        {
            yield return $"Campaigns:DkimPrivateKeyFile '{path}' is not a PEM private key: {error}";
        }
    }

    private static bool IsSha256(string pin) => pin.Replace(":", "") is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
