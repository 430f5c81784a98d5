namespace Campaigns.Web;

/// <summary>
/// What a personal link or a session cookie grants: a role, a scope ("*" for everything the role reaches, or one plan
/// key), the recipient as an opaque key (<see cref="LinkSigner.RecipientKey"/>: never the address itself), when it was
/// issued (a revocation names a time, and everything issued before it stops working) and when it expires.
/// </summary>
public sealed record ConsoleGrant(ConsoleRole Role, string Scope, string Recipient, DateTimeOffset IssuedAt, DateTimeOffset Expires)
{
    public const string Everything = "*";
}
