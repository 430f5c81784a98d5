using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A self-signed certificate for 127.0.0.1 (cert.pem, key.pem) for the TLS tests' SMTP server, with its SHA-256 to pin:
/// the client trusts exactly this certificate. Fixed validity dates, so no clock is read.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly TempFolder _dir = new();

    public SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("smtp.test");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        Sha256 = Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    public string CertificateFile => _dir.File("cert.pem");

    public string KeyFile => _dir.File("key.pem");

    public string Sha256 { get; }

    /// <summary>ops/smtp_server.py's options for this certificate.</summary>
    public IReadOnlyList<string> ServerArguments(bool implicitTls) =>
        ["--tls-cert", CertificateFile, "--tls-key", KeyFile, .. implicitTls ? (string[])["--implicit-tls"] : []];

    public void Dispose() => _dir.Dispose();
}
