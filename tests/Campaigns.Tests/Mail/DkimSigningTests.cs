using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Plans;
using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Tests.Fixtures;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Campaigns.Tests.Mail;

/// <summary>DKIM signing with the configured key, checked by MimeKit's verifier against the key pair's public half.</summary>
public class DkimSigningTests : IDisposable
{
    private static readonly Contact From = new("双随机一公开工作提醒", "campaigns@qinghe.example", null);
    private readonly TempFolder _dir = new();
    private readonly TestKeyLocator _locator;
    private readonly DkimSigner _signer;

    public DkimSigningTests()
    {
        using var key = RSA.Create(2048);
        File.WriteAllText(_dir.File("dkim.pem"), key.ExportRSAPrivateKeyPem());
        _locator = new TestKeyLocator("qinghe.example", "campaigns", Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
        _signer = SmtpConfiguration.DkimSigner(new WorkerOptions
        {
            Root = _dir.Path, DkimPrivateKeyFile = "dkim.pem", DkimDomain = "qinghe.example", DkimSelector = "campaigns",
        }).ShouldNotBeNull();
    }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MailEnvelope Envelope(string id) => new(
        id,
        new DateTimeOffset(2024, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)),
        [new Contact("李四（县市场监督管理局）", "market@qinghe.example", null)],
        "【提醒】检查结果录入截止（2024年7月1日）",
        "李四：\n请于2024年7月1日前录入检查结果。\n.\n以点开头的一行\n",
        "<p>李四：</p>",
        [new MailAttachment("一企一表.html", "text/html", Encoding.UTF8.GetBytes("<html>一企一表</html>"))]);

    private async Task<bool> VerifyAsync(MimeMessage message)
    {
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        index.ShouldBeGreaterThanOrEqualTo(0, "the message carries a DKIM-Signature");
        return await new DkimVerifier(_locator).VerifyAsync(message, message.Headers[index]);
    }

    [Fact]
    public async Task PickupFolder_SignedMessage_VerifiesAndATamperedOneDoesNot()
    {
        new PickupFolderTransport(_dir.File("mail"), From, _signer).Send(Envelope("signed"), CancellationToken.None);
        var message = ReceivedMail.Parse(File.ReadAllBytes(_dir.File("mail", "signed.eml"))).Message;

        message.Headers[HeaderId.DkimSignature].ShouldNotBeNull().ShouldContain("d=qinghe.example");
        (await VerifyAsync(message)).ShouldBeTrue();

        message.Subject = "【提醒】检查结果录入截止（2024年8月1日）";
        (await VerifyAsync(message)).ShouldBeFalse();
    }

    [Fact]
    public async Task Smtp_SignedMessageAsTheServerReceivedIt_Verifies()
    {
        using var server = SmtpServer.Start();
        using var transport = new SmtpTransport(
            new SmtpSettings(server.Host, server.Port, SmtpSecurity.None, null, null, TimeSpan.FromSeconds(10)), From, TimeProvider.System, _signer);
        transport.Send(Envelope("over-smtp"), CancellationToken.None);

        (await VerifyAsync(server.Received().ShouldHaveSingleItem().Message)).ShouldBeTrue();
    }

    /// <summary>Answers the one DNS TXT record a verifier would look up: selector._domainkey.domain.</summary>
    private sealed class TestKeyLocator(string domain, string selector, string publicKey) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain1, string selector1, CancellationToken cancellationToken = default) =>
            domain1 == domain && selector1 == selector
                ? GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}")
                : throw new InvalidOperationException($"No DKIM key published for {selector1}._domainkey.{domain1}.");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(
            string methods, string domain1, string selector1, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain1, selector1, cancellationToken));
    }
}
