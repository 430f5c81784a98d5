using Campaigns.Operations;

namespace Campaigns.Host;

public static class WorkerHost
{
    /// <summary>The Quartz scheduler's name, also its name in a cluster's tables.</summary>
    public const string SchedulerName = "campaigns";

    /// <summary>
    /// The host every command uses. <paramref name="schedule"/> adds Quartz (the `run` command); simulate and
    /// the read-only commands build the same services without it. <paramref name="settings"/> override
    /// configuration (simulate points folders at --out).
    /// </summary>
    public static IHost Build(string[] args, bool schedule, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var root = RepositoryRoot.Find();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = root,
            DisableDefaults = false,
        });
        builder.Configuration.AddJsonFile(Path.Combine(root, "config", "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        services?.Invoke(builder.Services);
        builder.Services
            .AddCampaignSettings(root)
            .AddCampaignStorage()
            .AddCampaignEngine()
            .AddCampaignDocuments()
            .AddCampaignMail()
            .AddCampaignMetrics();
        builder.AddCampaignLogFormat();
        if (schedule)
        {
            var options = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
            builder.AddCampaignScheduling(options);
        }
        return builder.Build();
    }
}
