using Campaigns.Host;
using Campaigns.Mail;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Host;

/// <summary>The SMTP part of the settings check: every failure reported, each naming the setting and what to do.</summary>
public class WorkerOptionsValidatorTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static WorkerOptions Smtp(Action<WorkerOptions> change)
    {
        var options = new WorkerOptions { Root = Repository.Root, SmtpHost = "smtp.qinghe.example", SmtpPort = 587, SmtpSecurity = SmtpSecurity.StartTls };
        change(options);
        return options;
    }

    private static IReadOnlyList<string> Failures(WorkerOptions options) =>
        [.. new WorkerOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Validate_StartTlsWithUserAndPassword_Passes() =>
        Failures(Smtp(o => (o.SmtpUserName, o.SmtpPassword) = ("campaigns", "s3cret"))).ShouldBeEmpty();

    [Fact]
    public void Validate_ImplicitTlsOn465WithUserAndPassword_Passes() =>
        // SMTPS: refused until MailKit replaced the old client, which could not speak it.
        Failures(Smtp(o => (o.SmtpSecurity, o.SmtpPort, o.SmtpUserName, o.SmtpPassword) = (SmtpSecurity.ImplicitTls, 465, "campaigns", "s3cret")))
            .ShouldBeEmpty();

    [Theory]
    [InlineData("a@qinghe.example, evil@attacker.example", "多个地址")]
    [InlineData("a@qinghe.example\r\nBcc: evil@attacker.example", "控制字符")]
    [InlineData("campaigns-at-qinghe", "格式不正确")]
    public void Validate_FromAddressNotExactlyOneMailbox_Refused(string from, string reason) =>
        Failures(Smtp(o => o.FromAddress = from.Replace("\\r\\n", "\r\n"))).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.ShouldStartWith("Campaigns:FromAddress"), f => f.ShouldContain(reason));

    [Fact]
    public void Validate_PinnedCertificateNotASha256_Refused() =>
        Failures(Smtp(o => o.SmtpCertificateSha256 = "ab:cd")).ShouldHaveSingleItem().ShouldContain("SmtpCertificateSha256");

    [Fact]
    public void Validate_DkimKeyWithoutDomainAndSelector_RefusedAndMissingKeyNamed()
    {
        Failures(Smtp(o => o.DkimPrivateKeyFile = "missing.pem")).ShouldSatisfyAllConditions(
            f => f.ShouldContain(x => x.Contains("DkimDomain")),
            f => f.ShouldContain(x => x.Contains("missing.pem") && x.Contains("does not exist")));
        File.WriteAllText(_dir.File("not-a-key.pem"), "hello\n");
        Failures(Smtp(o => (o.DkimPrivateKeyFile, o.DkimDomain, o.DkimSelector) = (_dir.File("not-a-key.pem"), "qinghe.example", "s1")))
            .ShouldHaveSingleItem().ShouldContain("not a PEM private key");
    }

    [Fact]
    public void Validate_ConnectionsOutOfRange_Refused() =>
        Failures(Smtp(o => o.SmtpConnections = 0)).ShouldHaveSingleItem().ShouldContain("SmtpConnections");

    [Theory]
    // 465 expects TLS from the first byte; a plain client would wait for a greeting that never comes.
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.None)]
    public void Validate_Port465WithoutImplicitTls_Refused(SmtpSecurity security) =>
        Failures(Smtp(o => (o.SmtpSecurity, o.SmtpPort) = (security, 465))).ShouldHaveSingleItem().ShouldContain("465");

    [Fact]
    public void Validate_NoSmtpHost_SmtpSettingsIgnored() =>
        // The pickup folder is in use; leftover SMTP settings do not stop the worker.
        Failures(Smtp(o => (o.SmtpHost, o.SmtpSecurity, o.SmtpUserName) = (null, SmtpSecurity.ImplicitTls, "campaigns"))).ShouldBeEmpty();

    [Fact]
    public void Validate_UserNameWithoutPassword_Refused() =>
        Failures(Smtp(o => o.SmtpUserName = "campaigns")).ShouldHaveSingleItem().ShouldContain("Campaigns__SmtpPassword");

    [Fact]
    public void Validate_PasswordWithoutUserName_Refused() =>
        Failures(Smtp(o => o.SmtpPassword = "s3cret")).ShouldHaveSingleItem().ShouldContain("SmtpUserName");

    [Fact]
    public void Validate_PasswordInEnvironmentAndFile_Refused()
    {
        File.WriteAllText(_dir.File("password"), "s3cret\n");
        Failures(Smtp(o => (o.SmtpUserName, o.SmtpPassword, o.SmtpPasswordFile) = ("campaigns", "s3cret", _dir.File("password"))))
            .ShouldHaveSingleItem().ShouldContain("both set");
    }

    [Fact]
    public void Validate_MissingPasswordFile_RefusedWithPath()
    {
        var failure = Failures(Smtp(o => (o.SmtpUserName, o.SmtpPasswordFile) = ("campaigns", _dir.File("missing")))).ShouldHaveSingleItem();
        failure.ShouldContain(_dir.File("missing"));
    }

    [Theory]
    [InlineData("smtp.qinghe.example", 1)]
    // A relay on the same machine: nothing crosses the network.
    [InlineData("127.0.0.1", 0)]
    [InlineData("localhost", 0)]
    public void Validate_PasswordWithoutTls_RefusedUnlessLoopback(string host, int failures) =>
        Failures(Smtp(o => (o.SmtpHost, o.SmtpSecurity, o.SmtpUserName, o.SmtpPassword) = (host, SmtpSecurity.None, "campaigns", "s3cret")))
            .Count.ShouldBe(failures);

    [Fact]
    public void Validate_SeveralSmtpProblems_AllReportedAtOnce() =>
        Failures(Smtp(o => (o.SmtpPort, o.SmtpTimeout, o.SmtpPassword) = (465, TimeSpan.Zero, "s3cret"))).Count.ShouldBe(3);

    [Fact]
    public void EffectiveSmtpSecurity_OldSmtpUseSsl_MeansStartTls() =>
        // An old "SmtpUseSsl: true" must not silently fall back to plain SMTP after the rename.
        new WorkerOptions { SmtpUseSsl = true }.EffectiveSmtpSecurity.ShouldBe(SmtpSecurity.StartTls);

    [Fact]
    public void Settings_PasswordFile_ReadWithoutTrailingLineBreakAndNeverShown()
    {
        File.WriteAllText(_dir.File("smtp-password"), "s3cret-口令\r\n");
        var options = Smtp(o => (o.SmtpUserName, o.SmtpPasswordFile, o.Root) = ("campaigns", "smtp-password", _dir.Path));

        var settings = SmtpConfiguration.Settings(options);

        settings.Password.ShouldBe("s3cret-口令");
        settings.Security.ShouldBe(SmtpSecurity.StartTls);
        settings.ToString().ShouldBe("smtp.qinghe.example:587 (StartTls, user campaigns)");
        settings.ToString().ShouldNotContain("s3cret");
    }
}
