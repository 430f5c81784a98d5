using System.Text.Encodings.Web;
using Campaigns.Host;

namespace Campaigns.Operations;

/// <summary>Registration of what operators use: metrics and the log format (the HTTP host is <see cref="Hosting.HttpHosting"/>).</summary>
public static class OperationsRegistration
{
    public static IServiceCollection AddCampaignMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<CampaignMetrics>();
        return services;
    }

    /// <summary>
    /// Campaigns:LogFormat json switches the console to one JSON object per line (UTC ISO timestamps), which journald keeps
    /// whole and log shippers parse; Logging:Console:FormatterName json does the same without the timestamp choice.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignLogFormat(this IHostApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration[$"{WorkerOptions.Section}:LogFormat"], "json", StringComparison.Ordinal))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                // Plan paths, subjects and flag details are Chinese; journalctl shows them as written rather than \u escapes.
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        return builder;
    }
}
