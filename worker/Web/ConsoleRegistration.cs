using Microsoft.AspNetCore.Builder;

namespace Campaigns.Web;

/// <summary>The console's services, registered with the HTTP host (the `run` command only).</summary>
public static class ConsoleRegistration
{
    public static WebApplicationBuilder AddCampaignConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsolePlans>();
        builder.Services.AddSingleton<ConsoleService>();
        builder.Services.AddSingleton<LoginThrottle>();
        return builder;
    }
}
