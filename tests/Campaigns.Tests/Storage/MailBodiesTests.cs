using Campaigns.Storage;

namespace Campaigns.Tests.Storage;

public sealed class MailBodiesTests
{
    [Theory]
    [InlineData("请于6月28日前录入检查结果。\r\n—— 清河县市场监督管理局", "<p>请于6月28日前录入检查结果。</p>")]
    [InlineData("正文", null)]
    [InlineData("", "")]
    [InlineData("", null)]
    public void Pack_ThenUnpack_GivesTheBodiesBack(string text, string? html)
    {
        MailBodies.Unpack(MailBodies.Pack(text, html)).ShouldBe((text, html));
    }

    [Fact]
    public void Pack_AReminderSizedBody_IsSmallerThanItsText()
    {
        var line = "检查对象：第001县对象0有限公司（91130000000000000N），结果录入期限 2026年6月29日。\n";
        var text = string.Concat(Enumerable.Repeat(line, 40));
        var html = string.Concat(Enumerable.Repeat($"<tr><td>{line}</td></tr>", 40));

        MailBodies.Pack(text, html).Length.ShouldBeLessThan((System.Text.Encoding.UTF8.GetByteCount(text) + System.Text.Encoding.UTF8.GetByteCount(html)) / 4);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9, 1, 2 })]
    public void Unpack_AnUnknownFormat_SaysSo(byte[] packed)
    {
        Should.Throw<InvalidDataException>(() => MailBodies.Unpack(packed)).Message.ShouldContain("unknown format");
    }
}
