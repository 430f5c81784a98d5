using System.Net;
using Campaigns.Host;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace Campaigns.Hosting;

/// <summary>
/// The running worker's HTTP host: Kestrel on <see cref="WorkerOptions.HttpAddress"/> (loopback by default) serving
/// /health, /metrics and the Hangfire dashboard at /jobs for the admin. Kestrel answers a wrong method with 405, drops a
/// reset or half-open connection on its own timeouts, and turns a handler's exception into a 500: no request reaches
/// the host's lifetime.
/// </summary>
public static class HttpHosting
{
    public const string AdminPolicy = "admin";
    public const string DashboardPath = "/jobs";

    public static WebApplicationBuilder AddCampaignHttp(this WebApplicationBuilder builder, WorkerOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.HttpAddress), options.HttpPort);
        });
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; a proxy on this machine would then make every request look local. Only the
            // configured proxies are believed.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddAuthentication(AdminAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthentication>(AdminAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(AdminAuthentication.SchemeName).RequireRole(AdminAuthentication.Role));
        builder.Services.AddSingleton<MetricsExposition>();
        return builder;
    }

    public static WebApplication MapCampaignEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", HealthResponse.Answer);
        app.MapGet("/metrics", async (HttpContext context, MetricsExposition metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapHangfireDashboardWithAuthorizationPolicy(AdminPolicy, DashboardPath, new DashboardOptions
        {
            DashboardTitle = "双随机一公开 · 后台任务",
            // The policy decides; Hangfire's own filter list (local requests by default) is emptied by this method.
            Authorization = [],
            AppPath = null,
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
