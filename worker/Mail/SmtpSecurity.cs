namespace Campaigns.Mail;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: for a relay on loopback or a trusted network only.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS before anything else (submission, port 587); refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    ImplicitTls,
}
