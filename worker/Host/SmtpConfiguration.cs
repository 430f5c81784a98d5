using Campaigns.Mail;
using MimeKit.Cryptography;

namespace Campaigns.Host;

/// <summary>Turns the validated settings into <see cref="SmtpSettings"/>, reading the password file when one is named.</summary>
public static class SmtpConfiguration
{
    public static SmtpSettings Settings(WorkerOptions o)
    {
        var host = o.SmtpHost ?? throw new InvalidOperationException("Campaigns:SmtpHost is not set; mail goes to the pickup folder.");
        return new SmtpSettings(host, o.SmtpPort, o.EffectiveSmtpSecurity, o.SmtpUserName, Password(o), o.SmtpTimeout, o.SmtpCertificateSha256);
    }

    /// <summary>
    /// The DKIM signer when a key is configured (relaxed canonicalization: the form that survives relays re-folding
    /// headers), else null and mail goes unsigned.
    /// </summary>
    public static DkimSigner? DkimSigner(WorkerOptions o) => o.DkimPrivateKeyFile is { } key
        ? new DkimSigner(o.Resolve(key), o.DkimDomain!, o.DkimSelector!)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            SignatureAlgorithm = DkimSignatureAlgorithm.RsaSha256,
        }
        : null;

    /// <summary>The password from the environment, else from the secrets file without its trailing line break.</summary>
    public static string? Password(WorkerOptions o) =>
        o.SmtpPassword ?? (o.SmtpPasswordFile is { } file ? File.ReadAllText(o.Resolve(file)).TrimEnd('\r', '\n') : null);
}
