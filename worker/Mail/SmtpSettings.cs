namespace Campaigns.Mail;

/// <summary>Where to send mail; the password comes from the environment, never from a plan or a log.</summary>
public sealed record SmtpSettings(string Host, int Port, bool UseSsl, string? UserName, string? Password)
{
    public override string ToString() => $"{Host}:{Port} (ssl {UseSsl}, user {UserName ?? "none"})";
}
