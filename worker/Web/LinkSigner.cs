using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Web;

/// <summary>
/// Signs and checks the console's tokens: HMAC-SHA256 over role, scope, recipient key, issue time and expiry. A token is
/// <c>base64url(fields) "." base64url(mac)</c>; the fields hold no name or address (the recipient is a keyed hash of the
/// address), so a link in a forwarded mail or a proxy log discloses nobody. Each use has its own subkey derived from the
/// configured key (links, session cookies, form tokens, recipient keys), so a token made for one use is refused in another.
/// </summary>
public sealed class LinkSigner
{
    public const string LinkPurpose = "link";
    public const string SessionPurpose = "session";

    private readonly byte[] _key;

    public LinkSigner(byte[] key) => _key = key;

    /// <summary>The recipient's opaque key: the same address (any case) always gives the same key under one signing key.</summary>
    public string RecipientKey(string email) =>
        Convert.ToHexStringLower(Mac("recipient", Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()))[..16]);

    public string Sign(ConsoleGrant grant, string purpose)
    {
        var fields = string.Join('\n', "v1", grant.Role.ToString(), grant.Scope, grant.Recipient,
            grant.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), grant.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var payload = Base64Url(Encoding.UTF8.GetBytes(fields));
        return $"{payload}.{Base64Url(Mac(purpose, Encoding.ASCII.GetBytes(payload)))}";
    }

    public LinkCheck Check(string? token, string purpose, DateTimeOffset now)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot < 1 || token.Length > 2048)
        {
            return LinkCheck.Refused("链接不完整或格式不对");
        }
        var payload = token[..dot];
        if (FromBase64Url(token[(dot + 1)..]) is not { } mac
            || !CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, Encoding.ASCII.GetBytes(payload)))
            || FromBase64Url(payload) is not { } bytes)
        {
            return LinkCheck.Refused("链接签名不符：不是本系统发出的链接，或已被改动");
        }
        var fields = Encoding.UTF8.GetString(bytes).Split('\n');
        if (fields is not ["v1", var role, var scope, var recipient, var issued, var expires]
            || !Enum.TryParse<ConsoleRole>(role, out var parsedRole)
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return LinkCheck.Refused("链接格式不对");
        }
        var grant = new ConsoleGrant(parsedRole, scope, recipient, DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt));
        return grant.Expires <= now
            ? LinkCheck.Refused($"链接已于{grant.Expires.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}过期，请使用最近一封邮件中的链接")
            : new LinkCheck(grant, null);
    }

    /// <summary>A form token bound to one session: a page's form is refused with another session's token, or with none.</summary>
    public string FormToken(string session) => Base64Url(Mac("form", Encoding.ASCII.GetBytes(session)));

    public bool IsFormToken(string session, string? token) =>
        token is not null && FromBase64Url(token) is { } mac && CryptographicOperations.FixedTimeEquals(mac, Mac("form", Encoding.ASCII.GetBytes(session)));

    private byte[] Mac(string purpose, byte[] data)
    {
        var subkey = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"campaigns-console/{purpose}"));
        return HMACSHA256.HashData(subkey, data);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        return text.Length > 0 && Convert.TryFromBase64String(padded, bytes, out var length) ? bytes[..length] : null;
    }
}
