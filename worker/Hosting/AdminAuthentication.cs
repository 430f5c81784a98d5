using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Campaigns.Host;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Campaigns.Hosting;

/// <summary>
/// HTTP Basic against <see cref="WorkerOptions.AdminUser"/> and <see cref="WorkerOptions.AdminPasswordHash"/>: one admin,
/// no sessions, which a browser, curl and a monitoring proxy all speak. The worker listens on loopback; across the network
/// it sits behind a TLS-terminating proxy, so the credentials never cross a wire in clear. With no hash configured nobody
/// is admitted, whatever the request's origin (Hangfire's default admits every local request, and behind a proxy on
/// the same machine every request is local).
/// </summary>
public sealed class AdminAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes, ILoggerFactory logger, UrlEncoder encoder, IOptions<WorkerOptions> worker)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "Basic";
    public const string Role = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var options = worker.Value;
        if (Credentials(header.Parameter) is not var (user, password)
            || options.AdminPasswordHash is not { } hash
            || !string.Equals(user, options.AdminUser, StringComparison.Ordinal)
            || !AdminPassword.Verify(hash, password))
        {
            Logger.LogWarning("Dashboard login refused from {Address}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("wrong user name or password"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"campaigns\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static (string User, string Password)? Credentials(string parameter)
    {
        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var length))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
