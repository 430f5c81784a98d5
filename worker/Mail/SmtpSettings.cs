namespace Campaigns.Mail;

/// <summary>
/// Where and how to send mail. The password comes from the environment or a secrets file, never from a plan,
/// and never appears in <see cref="ToString"/> (which is what a log line would show). <see cref="CertificateSha256"/>
/// pins the server's certificate (a private relay with a self-signed one) instead of the system's trusted roots.
/// </summary>
public sealed record SmtpSettings(
    string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, TimeSpan Timeout, string? CertificateSha256 = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public override string ToString() => $"{Host}:{Port} ({Security}, user {UserName ?? "none"})";
}
