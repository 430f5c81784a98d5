using Microsoft.AspNetCore.Http;

namespace Campaigns.Web;

/// <summary>
/// The console's cookies. The session cookie holds a signed grant (no server-side session, so every worker instance
/// behind the proxy reads it); it is HttpOnly, SameSite=Lax (a link opened from a mail client is a cross-site navigation
/// that must still carry it on the redirect) and Secure whenever the request came over TLS (directly, or through a
/// configured proxy's X-Forwarded-Proto).
/// </summary>
public static class ConsoleSession
{
    public const string Cookie = "campaigns_session";

    /// <summary>A random value the login form's token is bound to, before anyone is logged in.</summary>
    public const string LoginCookie = "campaigns_login";

    // No Expires: a browser-session cookie. The expiry that counts is the one signed inside it, on the worker's clock.
    public static string? Read(HttpContext context) => context.Request.Cookies.TryGetValue(Cookie, out var value) ? value : null;

    public static void Write(HttpContext context, string name, string value) =>
        context.Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
}
