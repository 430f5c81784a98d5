using Campaigns.Mail;

namespace Campaigns.Host;

/// <summary>Turns the validated settings into <see cref="SmtpSettings"/>, reading the password file when one is named.</summary>
public static class SmtpConfiguration
{
    public static SmtpSettings Settings(WorkerOptions o)
    {
        var host = o.SmtpHost ?? throw new InvalidOperationException("Campaigns:SmtpHost is not set; mail goes to the pickup folder.");
        return new SmtpSettings(host, o.SmtpPort, o.EffectiveSmtpSecurity, o.SmtpUserName, Password(o), o.SmtpTimeout);
    }

    /// <summary>The password from the environment, else from the secrets file without its trailing line break.</summary>
    public static string? Password(WorkerOptions o) =>
        o.SmtpPassword ?? (o.SmtpPasswordFile is { } file ? File.ReadAllText(o.Resolve(file)).TrimEnd('\r', '\n') : null);
}
