namespace Campaigns.Mail;

/// <summary>
/// Where and how to send mail. The password comes from the environment or a secrets file, never from a plan,
/// and never appears in <see cref="ToString"/> (which is what a log line would show).
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public override string ToString() => $"{Host}:{Port} ({Security}, user {UserName ?? "none"})";
}
