using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Mail;
using Campaigns.Operations;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Host;

/// <summary>One registration method per feature, as Program and simulate share them.</summary>
public static class WorkerRegistration
{
    public static IServiceCollection AddCampaignSettings(this IServiceCollection services, string root)
    {
        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.Section)
            .PostConfigure(o => o.Root = string.IsNullOrEmpty(o.Root) ? root : Path.GetFullPath(Path.Combine(root, o.Root)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddCampaignStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return sp.GetRequiredService<IOptions<StorageOptions>>().Value.Create(options.Resolve(options.Database));
        });
        services.AddSingleton(sp => CampaignStore.Open(sp.GetRequiredService<StoreProvider>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IServiceCollection AddCampaignEngine(this IServiceCollection services)
    {
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton<Calendar.CalendarSource>();
        services.AddSingleton<DirectoryFiles>();
        services.TryAddSingleton(new DrawSeedSource());
        services.AddSingleton<TickService>();
        return services;
    }

    public static IServiceCollection AddCampaignDocuments(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return TemplateSet.Load(options.Resolve(options.Templates));
        });
        services.AddSingleton<DocumentWriter>();
        services.AddSingleton<MailComposer>();
        return services;
    }

    public static IServiceCollection AddCampaignMail(this IServiceCollection services)
    {
        services.AddSingleton<IMailTransport>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var from = new Core.Plans.Contact(o.FromName, o.FromAddress, null);
            return o.SmtpHost is null
                ? new PickupFolderTransport(o.Resolve(o.MailPickup), from)
                : new SmtpTransport(SmtpConfiguration.Settings(o), from, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// Quartz with the in-memory job store: the schedule is configuration and all state lives in the domain
    /// store, so a restart loses nothing (the tick on start catches up). Production (PostgreSQL, clustered)
    /// swaps the job store here.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignScheduling(this IHostApplicationBuilder builder, WorkerOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        builder.AddQuartz(q =>
        {
            q.AddJob<TickJob>(j => j.WithIdentity(TickJob.Key));
            q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick-on-start").StartNow());
            q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick-daily")
                .WithCronSchedule(options.TickCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<DispatchJob>(j => j.WithIdentity(DispatchJob.Key));
            q.AddTrigger(t => t.ForJob(DispatchJob.Key).WithIdentity("dispatch-interval")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.DispatchInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<PlanWatcher>();
        builder.Services.AddCampaignHealthEndpoint(options);
        return builder;
    }
}
