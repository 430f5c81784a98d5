using System.Text;
using Campaigns.Web;

namespace Campaigns.Tests.Web;

public class LinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly LinkSigner _signer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private ConsoleGrant Grant(TimeSpan? life = null) =>
        new(ConsoleRole.Contact, ConsoleGrant.Everything, _signer.RecipientKey("office@qinghe.example"), Now, Now + (life ?? TimeSpan.FromDays(60)));

    [Fact]
    public void Check_TokenItSigned_GivesBackTheGrant()
    {
        var token = _signer.Sign(Grant(), LinkSigner.LinkPurpose);

        _signer.Check(token, LinkSigner.LinkPurpose, Now.AddDays(1)).Grant.ShouldBe(Grant());
    }

    [Fact]
    public void Sign_Token_CarriesNoAddressOrName()
    {
        var token = _signer.Sign(Grant(), LinkSigner.LinkPurpose);
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(token.Split('.')[0].Replace('-', '+').Replace('_', '/').PadRight((token.Split('.')[0].Length + 3) / 4 * 4, '=')));

        payload.ShouldNotContain("office");
        payload.ShouldNotContain("qinghe");
        payload.ShouldContain(_signer.RecipientKey("OFFICE@qinghe.example"), customMessage: "the key ignores the address's case");
    }

    [Theory]
    [InlineData(0, "a changed signature")]
    [InlineData(5, "a changed field")]
    public void Check_OneCharacterChanged_Refused(int fromStart, string why)
    {
        var token = _signer.Sign(Grant(), LinkSigner.LinkPurpose);
        var at = fromStart == 0 ? token.Length - 2 : fromStart;
        var forged = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        var check = _signer.Check(forged, LinkSigner.LinkPurpose, Now);

        check.Grant.ShouldBeNull(why);
        check.Refusal.ShouldNotBeNull().ShouldContain("签名不符");
    }

    [Fact]
    public void Check_AnotherKeysToken_Refused()
    {
        var other = new LinkSigner(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());

        _signer.Check(other.Sign(Grant(), LinkSigner.LinkPurpose), LinkSigner.LinkPurpose, Now).Grant.ShouldBeNull();
    }

    [Fact]
    public void Check_PastItsExpiry_RefusedNamingWhen()
    {
        var token = _signer.Sign(Grant(TimeSpan.FromDays(1)), LinkSigner.LinkPurpose);

        var check = _signer.Check(token, LinkSigner.LinkPurpose, Now.AddDays(2));

        check.Grant.ShouldBeNull();
        check.Refusal.ShouldNotBeNull().ShouldContain("2026年7月7日 09:00过期");
    }

    [Fact]
    public void Check_LinkTokenAsSessionCookie_Refused()
    {
        var token = _signer.Sign(Grant(), LinkSigner.LinkPurpose);

        _signer.Check(token, LinkSigner.SessionPurpose, Now).Grant.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("a.b.c")]
    public void Check_Malformed_RefusedNotThrown(string? token) =>
        _signer.Check(token, LinkSigner.LinkPurpose, Now).Grant.ShouldBeNull();

    [Fact]
    public void IsFormToken_OnlyTheSessionsOwnToken()
    {
        var token = _signer.FormToken("session-a");

        _signer.IsFormToken("session-a", token).ShouldBeTrue();
        _signer.IsFormToken("session-b", token).ShouldBeFalse();
        _signer.IsFormToken("session-a", null).ShouldBeFalse();
    }
}
