using System.Text;
using Campaigns.Core.Plans;
using Campaigns.Mail;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Mail;

public class PickupFolderTransportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MailEnvelope Envelope(string id) => new(
        id,
        new DateTimeOffset(2024, 7, 3, 9, 0, 0, TimeSpan.FromHours(8)),
        [new Contact("李四", "market@qinghe.example", null)],
        "【提醒】检查结果录入截止（2024年7月1日）",
        "李四：\n请录入检查结果。",
        "<p>李四：</p>",
        [new MailAttachment("一企一表.html", "text/html", Encoding.UTF8.GetBytes("<html>表</html>"))]);

    [Fact]
    public void Send_SameMessageTwice_OneFile()
    {
        var transport = new PickupFolderTransport(_dir.Path, new Contact("提醒", "campaigns@localhost", null));
        transport.Send(Envelope("abc123"), CancellationToken.None);
        transport.Send(Envelope("abc123"), CancellationToken.None);
        transport.Send(Envelope("def456"), CancellationToken.None);
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order().ShouldBe(["abc123.eml", "def456.eml"]);
        Directory.GetDirectories(_dir.Path).ShouldBeEmpty();
    }

    [Fact]
    public void Send_WritesUtf8HeadersMessageIdInjectedDateAndAttachment()
    {
        var transport = new PickupFolderTransport(_dir.Path, new Contact("提醒", "campaigns@localhost", null));
        transport.Send(Envelope("abc123"), CancellationToken.None);
        var eml = File.ReadAllText(_dir.File("abc123.eml"));
        var headers = eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

        headers.ShouldContain("Message-Id: <abc123@campaigns.local>");
        headers.ShouldContain("Date: Wed, 03 Jul 2024 09:00:00 +0800");
        // Non-ASCII only as encoded-words: the header block is plain ASCII.
        headers.ShouldContain("=?utf-8?b?");
        headers.ShouldAllBe(c => c < 128);
        var mail = ReceivedMail.Parse(File.ReadAllBytes(_dir.File("abc123.eml")));
        mail.Subject.ShouldBe("【提醒】检查结果录入截止（2024年7月1日）");
        mail.Html.ShouldBe("<p>李四：</p>");
        mail.Attachments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.FileName.ShouldBe("一企一表.html"), a => a.MediaType.ShouldBe("text/html"), a => Encoding.UTF8.GetString(a.Body).ShouldBe("<html>表</html>"));
        eml.ShouldContain("Content-Type: text/html; charset=utf-8");
        eml.ShouldContain("Content-Disposition: attachment");
    }

    /// <summary>
    /// Each sender thread renders into one buffer it keeps: a large message and then a small one on the same thread leave
    /// the small one's file holding it alone, not the tail of the large one.
    /// </summary>
    [Fact]
    public void Send_LargeThenSmallMessage_EachFileHoldsItsOwnMessageOnly()
    {
        var large = new byte[2 << 20];
        new Random(1).NextBytes(large);
        var transport = new PickupFolderTransport(_dir.Path, new Contact("提醒", "campaigns@localhost", null));
        transport.Send(Envelope("large") with { Attachments = [new MailAttachment("统计表.xlsx", "application/octet-stream", large)] }, CancellationToken.None);
        transport.Send(Envelope("small"), CancellationToken.None);
        transport.Send(Envelope("small2"), CancellationToken.None);

        ReceivedMail.Parse(File.ReadAllBytes(_dir.File("large.eml"))).Attachments.ShouldHaveSingleItem().Body.ShouldBe(large);
        var small = File.ReadAllBytes(_dir.File("small.eml"));
        Encoding.UTF8.GetString(ReceivedMail.Parse(small).Attachments.ShouldHaveSingleItem().Body).ShouldBe("<html>表</html>");
        small.Length.ShouldBeLessThan(8_000);
        // The same message but for its id: the same length, so nothing of an earlier message trails either.
        File.ReadAllBytes(_dir.File("small2.eml")).Length.ShouldBe(small.Length + 1);
    }

    /// <summary>
    /// The folder is not looked for before each message: a message that finds it gone (removed by hand, a clean-up) makes it
    /// again, owner-only, and is written; no staging copy is left behind.
    /// </summary>
    [Fact]
    public void Send_FolderRemovedBetweenMessages_MadeAgainOwnerOnlyAndTheMessageWritten()
    {
        var folder = _dir.File("mail", "pickup");
        var transport = new PickupFolderTransport(folder, new Contact("提醒", "campaigns@localhost", null));
        transport.Send(Envelope("first"), CancellationToken.None);
        Directory.Delete(_dir.File("mail"), recursive: true);

        transport.Send(Envelope("second"), CancellationToken.None);

        Directory.GetFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName).ShouldBe(["second.eml"]);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_dir.File("mail")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.GetUnixFileMode(Path.Combine(folder, "second.eml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Senders that find the folder missing at once all deliver. One of them makes it while another's open is failing: .NET
    /// then reports the other's missing folder as a missing file (it looks for the folder after the open failed, and finds
    /// it), which dead-lettered a reminder in a province year and in the sample year with results missing.
    /// </summary>
    [Fact]
    public void Send_ManySendersFindTheFolderMissingAtOnce_EveryMessageIsWritten()
    {
        const int senders = 8;
        for (var round = 0; round < 100; round++)
        {
            var folder = _dir.File($"round{round}", "mail");
            var transport = new PickupFolderTransport(folder, new Contact("提醒", "campaigns@localhost", null));
            using var start = new Barrier(senders);
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            var threads = Enumerable.Range(0, senders).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    transport.Send(Envelope($"m{i}"), CancellationToken.None);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            failures.ShouldBeEmpty($"round {round}");
            Directory.GetFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName).Order()
                .ShouldBe(Enumerable.Range(0, senders).Select(i => $"m{i}.eml").Order());
        }
    }

    /// <summary>A message whose file cannot take its name fails, and its staging copy goes with it.</summary>
    [Fact]
    public void Send_FinalNameTaken_FailsAndLeavesNoStagingCopy()
    {
        var transport = new PickupFolderTransport(_dir.Path, new Contact("提醒", "campaigns@localhost", null));
        // A folder where the message's file should go: the move over it fails.
        Directory.CreateDirectory(_dir.File("abc123.eml"));

        Should.Throw<IOException>(() => transport.Send(Envelope("abc123"), CancellationToken.None));

        Directory.GetFiles(_dir.Path, "*", new EnumerationOptions { AttributesToSkip = 0 }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(56)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(171)]
    [InlineData(160_001)]
    public void Send_AttachmentOfAnySize_ArrivesWholeInBase64LinesOf76(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var transport = new PickupFolderTransport(_dir.Path, new Contact("提醒", "campaigns@localhost", null));
        transport.Send(Envelope("abc123") with { Attachments = [new MailAttachment("统计表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes)] },
            CancellationToken.None);

        var raw = File.ReadAllBytes(_dir.File("abc123.eml"));
        ReceivedMail.Parse(raw).Attachments.ShouldHaveSingleItem().Body.ShouldBe(bytes);
        var eml = Encoding.ASCII.GetString(raw);
        var body = eml[(eml.IndexOf("filename", StringComparison.Ordinal) is var at and >= 0 ? eml.IndexOf("\r\n\r\n", at, StringComparison.Ordinal) + 4 : 0)..];
        body[..body.IndexOf("\r\n--", StringComparison.Ordinal)].Split("\r\n").ShouldAllBe(line => line.Length <= 76);
        eml.ShouldNotContain("\r\r");
    }

    [Fact]
    public async Task Build_WrittenWithBareLineFeeds_SyncOrAsync_TheAttachmentStillDecodesToItsBytes()
    {
        // The pickup folder and SMTP write CRLF, as the attachment's encoded lines are; a caller asking for bare line feeds
        // gets them throughout, the attachment's lines included.
        var content = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var message = MailMessages.Build(Envelope("abc123") with { Attachments = [new MailAttachment("表.bin", "application/octet-stream", content)] },
            new Contact("提醒", "campaigns@localhost", null));
        var unix = new MimeKit.FormatOptions { NewLineFormat = MimeKit.NewLineFormat.Unix };
        using var sync = new MemoryStream();
        message.WriteTo(unix, sync);
        using var async = new MemoryStream();
        await message.WriteToAsync(unix, async);

        foreach (var written in new[] { sync.ToArray(), async.ToArray() })
        {
            written.ShouldNotContain((byte)'\r');
            ReceivedMail.Parse(written).Attachments.ShouldHaveSingleItem().Body.ShouldBe(content);
        }
    }
}
