using Campaigns.Hosting;
using Campaigns.Jobs;
using Campaigns.Operations;
using Campaigns.Storage;
using Campaigns.Web;
using Microsoft.AspNetCore.Builder;

namespace Campaigns.Host;

public static class WorkerHost
{
    /// <summary>The Quartz scheduler's name, also its name in a cluster's tables.</summary>
    public const string SchedulerName = "campaigns";

    /// <summary>
    /// The host every command uses. <paramref name="schedule"/> makes the running worker (the `run` command): Quartz,
    /// Hangfire's server and the HTTP host; simulate and the read-only commands build the same services without them
    /// (and without a listening socket). <paramref name="settings"/> override configuration (simulate points folders at --out).
    /// </summary>
    public static IHost Build(string[] args, bool schedule, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var root = RepositoryRoot.Find();
        if (!schedule)
        {
            // A command runs once and exits: the defaults' watch of appsettings.json under the content root for changes put
            // an inotify watch on every folder below it (641 in a built checkout, some 60 ms of a one-day simulate).
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args,
                ContentRootPath = root,
                DisableDefaults = false,
                Configuration = configuration,
            });
            Configure(builder, root, settings, services);
            return builder.Build();
        }
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = root });
        Configure(web, root, settings, services);
        var options = web.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        var storage = web.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // A background service that faults stops the host (and `run` then exits non-zero, so systemd restarts it) rather
        // than leaving a worker that answers /health but no longer ticks or sends.
        web.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        // Hangfire before Quartz: hosted services stop in reverse order, so the clock stops enqueueing before the job
        // server stops, and no tick fires while Hangfire finishes its running pass.
        web.Services.AddHostedService<MetricsStartup>();
        web.AddCampaignJobs(options, storage);
        web.AddCampaignScheduling(options);
        web.AddCampaignHttp(options);
        web.AddCampaignConsole();
        var app = web.Build();
        app.MapCampaignEndpoints();
        app.MapConsole();
        return app;
    }

    private static void Configure(IHostApplicationBuilder builder, string root, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
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
    }
}
