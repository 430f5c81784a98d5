using System.Net;
using System.Net.Sockets;
using System.Text;
using Campaigns.Core.Plans;
using Campaigns.Mail;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Mail;

/// <summary>SmtpTransport against a real SMTP server on loopback; assertions read what the server received.</summary>
public class SmtpTransportTests : IDisposable
{
    private const string Rejected = "rejected@qinghe.example";
    private static readonly Contact From = new("双随机一公开工作提醒", "campaigns@qinghe.example", null);
    private readonly SmtpServer _server = SmtpServer.Start(Rejected);

    public void Dispose() => _server.Dispose();

    private static SmtpTransport Transport(int port, TimeSpan? timeout = null) =>
        new(new SmtpSettings("127.0.0.1", port, SmtpSecurity.None, null, null, timeout ?? TimeSpan.FromSeconds(10)), From, TimeProvider.System);

    private static SmtpTransport Secure(SmtpServer server, SmtpSecurity security, string? pin, string? user = null, string? password = null) =>
        new(new SmtpSettings(server.Host, server.Port, security, user, password, TimeSpan.FromSeconds(10), pin), From, TimeProvider.System);

    private const string Subject = "【提醒】2024年清河县互联网上网服务营业场所“双随机、一公开”部门联合抽查：检查结果录入截止（2024年7月1日）";

    private static MailEnvelope Envelope(string id, string email = "market@qinghe.example") => new(
        id,
        new DateTimeOffset(2024, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)),
        [new Contact("李四（县市场监督管理局）", email, null)],
        Subject,
        "李四：\n请于2024年7月1日前录入检查结果。\n",
        "<p>李四：</p><p>请于<b>2024年7月1日</b>前录入检查结果。</p>",
        [
            new MailAttachment("一企一表.html", "text/html", Encoding.UTF8.GetBytes("<html><body>一企一表</body></html>")),
            new MailAttachment("检查窗口.ics", "text/calendar", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:检查窗口\r\nEND:VCALENDAR\r\n")),
        ]);

    [Fact]
    public void Send_ChineseMessageWithAttachments_ServerReceivesItDecodable()
    {
        Transport(_server.Port).Send(Envelope("abc123"), CancellationToken.None);

        var mail = _server.Received().ShouldHaveSingleItem();
        mail.MessageId.ShouldBe("<abc123@campaigns.local>");
        // Non-ASCII headers travel as encoded-words; nothing but ASCII is on the wire in the header block.
        var raw = Encoding.Latin1.GetString(mail.Raw);
        raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].ShouldAllBe(c => c < 128);
        mail.Subject.ShouldBe(Subject);
        mail.From.ShouldBe("双随机一公开工作提醒 <campaigns@qinghe.example>");
        mail.To.ShouldBe("李四（县市场监督管理局） <market@qinghe.example>");
        // The envelope's date (the injected clock), not the moment of sending.
        mail.Message.Date.ShouldBe(new DateTimeOffset(2024, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        mail.Text.ShouldBe("李四：\n请于2024年7月1日前录入检查结果。\n");
        mail.Html.ShouldBe("<p>李四：</p><p>请于<b>2024年7月1日</b>前录入检查结果。</p>");
        mail.Attachments.Select(a => (a.FileName, a.MediaType, Encoding.UTF8.GetString(a.Body))).ShouldBe(
        [
            ("一企一表.html", "text/html", "<html><body>一企一表</body></html>"),
            ("检查窗口.ics", "text/calendar", "BEGIN:VCALENDAR\r\nSUMMARY:检查窗口\r\nEND:VCALENDAR\r\n"),
        ]);
    }

    [Fact]
    public void Send_RecipientRejected_FailsForThatMessageOnly()
    {
        // A refused recipient is the message's failure (counted, then dead-lettered), not the server's.
        using var transport = Transport(_server.Port);
        var error = Should.Throw<MailMessageException>(() => transport.Send(Envelope("x1", Rejected), CancellationToken.None));
        error.Message.ShouldStartWith("550");
        error.Permanent.ShouldBeFalse();

        // The same kept connection sends the next message.
        transport.Send(Envelope("x2"), CancellationToken.None);
        _server.Received().ShouldHaveSingleItem().MessageId.ShouldBe("<x2@campaigns.local>");
    }

    [Fact]
    public void Send_ServerStoppedThenRestarted_UnavailableThenDelivers()
    {
        _server.Stop();
        var error = Should.Throw<MailServerUnavailableException>(() => Transport(_server.Port).Send(Envelope("down"), CancellationToken.None));
        error.Message.ShouldContain($"127.0.0.1:{_server.Port}");

        _server.Restart();
        Transport(_server.Port).Send(Envelope("up"), CancellationToken.None);
        _server.Received().ShouldHaveSingleItem().MessageId.ShouldBe("<up@campaigns.local>");
    }

    [Fact]
    public void Send_ServerAcceptsButNeverGreets_TimesOutAsUnavailable()
    {
        // Without a bound on the greeting this would wait forever.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var error = Should.Throw<MailServerUnavailableException>(() => Transport(port, TimeSpan.FromSeconds(1)).Send(Envelope("slow"), CancellationToken.None));
        error.Message.ShouldContain("did not answer within");
        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Send_ConnectNeverCompletes_TimesOutAsUnavailable()
    {
        // A listener whose queue of unaccepted connections is full: Linux drops further SYNs, so a connect to it hangs
        // (retrying for minutes) unless the transport bounds it.
        using var full = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        full.Listen(0);
        var port = ((IPEndPoint)full.LocalEndPoint!).Port;
        var queued = new List<Socket>();
        try
        {
            // Fill the queue: connects that complete at once, until one does not.
            while (queued.Count < 16)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                queued.Add(filler);
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                }
                if (!filler.Poll(200_000, SelectMode.SelectWrite))
                {
                    break;
                }
            }
            queued.Count.ShouldBeLessThan(16, "the listener's queue never filled, so nothing here would hang");
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            var error = Should.Throw<MailServerUnavailableException>(() => Transport(port, TimeSpan.FromSeconds(1)).Send(Envelope("unreachable"), CancellationToken.None));
            error.Message.ShouldContain("did not answer within");
            elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        }
        finally
        {
            queued.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void Send_StartTlsToServerWithoutIt_RefusedNeverSentInClear()
    {
        // The test server offers no STARTTLS: the client must refuse rather than fall back to plain text.
        var transport = new SmtpTransport(
            new SmtpSettings(_server.Host, _server.Port, SmtpSecurity.StartTls, null, null, TimeSpan.FromSeconds(10)), From, TimeProvider.System);
        Should.Throw<MailServerUnavailableException>(() => transport.Send(Envelope("tls"), CancellationToken.None));
        _server.Received().ShouldBeEmpty();
    }

    [Fact]
    public void Send_NothingListening_UnavailableNotAMessageFailure()
    {
        // Port 1 on loopback refuses at once: the dispatcher turns this into a pause, never a lost message.
        Should.Throw<MailServerUnavailableException>(() => Transport(1).Send(Envelope("x"), CancellationToken.None));
    }

    [Fact]
    public void Send_ManyMessagesOnOneTransport_OneConnectionThenQuit()
    {
        using var transport = Transport(_server.Port);
        for (var i = 0; i < 5; i++)
        {
            transport.Send(Envelope($"m{i}"), CancellationToken.None);
        }
        transport.EndPass(CancellationToken.None);
        transport.Send(Envelope("next-pass"), CancellationToken.None);

        _server.Received().Select(m => m.MessageId).ShouldBe([.. Enumerable.Range(0, 5).Select(i => $"<m{i}@campaigns.local>"), "<next-pass@campaigns.local>"]);
        var peers = _server.Peers();
        peers.Take(5).Distinct().ShouldHaveSingleItem();
        peers[5].ShouldNotBe(peers[0], "EndPass closed the first connection; the next pass opens its own");
    }

    [Fact]
    public void Send_KeptConnectionDroppedBetweenMessages_ReconnectsAndSends()
    {
        using var transport = Transport(_server.Port);
        transport.Send(Envelope("before"), CancellationToken.None);
        _server.Stop();
        _server.Restart();
        transport.Send(Envelope("after"), CancellationToken.None);
        _server.Received().Select(m => m.MessageId).ShouldBe(["<before@campaigns.local>", "<after@campaigns.local>"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Send_TlsWithPinnedSelfSignedCertificateAndLogin_Delivers(bool implicitTls)
    {
        using var certificate = new SelfSignedCertificate();
        using var server = SmtpServer.StartWith([.. certificate.ServerArguments(implicitTls), "--auth", "campaigns:s3cret"]);
        using var transport = Secure(server, implicitTls ? SmtpSecurity.ImplicitTls : SmtpSecurity.StartTls, certificate.Sha256, "campaigns", "s3cret");

        transport.Send(Envelope("tls1"), CancellationToken.None);
        transport.Send(Envelope("tls2"), CancellationToken.None);

        server.Received().Select(m => m.Subject).ShouldBe([Subject, Subject]);
        server.Peers().Distinct().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Send_SelfSignedCertificateNotPinned_RefusedAsUnavailableNothingSent(bool implicitTls)
    {
        using var certificate = new SelfSignedCertificate();
        using var server = SmtpServer.StartWith(certificate.ServerArguments(implicitTls));
        var security = implicitTls ? SmtpSecurity.ImplicitTls : SmtpSecurity.StartTls;

        Should.Throw<MailServerUnavailableException>(() => Secure(server, security, pin: null).Send(Envelope("t"), CancellationToken.None));
        using var other = new SelfSignedCertificate();
        Should.Throw<MailServerUnavailableException>(() => Secure(server, security, other.Sha256).Send(Envelope("t"), CancellationToken.None));
        server.Received().ShouldBeEmpty();
    }

    [Fact]
    public void Send_WrongPassword_UnavailableNotAMessageFailure()
    {
        using var certificate = new SelfSignedCertificate();
        using var server = SmtpServer.StartWith([.. certificate.ServerArguments(implicitTls: true), "--auth", "campaigns:s3cret"]);
        Should.Throw<MailServerUnavailableException>(() => Secure(server, SmtpSecurity.ImplicitTls, certificate.Sha256, "campaigns", "wrong").Send(Envelope("t"), CancellationToken.None));
        server.Received().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("market@qinghe.example\r\nBcc: evil@attacker.example")]
    [InlineData("market@qinghe.example, evil@attacker.example")]
    public void Send_RecipientNotExactlyOneAddress_PermanentMessageFailureNothingSent(string email)
    {
        using var transport = Transport(_server.Port);
        var error = Should.Throw<MailMessageException>(() => transport.Send(Envelope("bad", email), CancellationToken.None));
        error.Permanent.ShouldBeTrue();
        _server.Received().ShouldBeEmpty();
    }
}
