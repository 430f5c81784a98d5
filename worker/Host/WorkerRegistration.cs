using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Mail;
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
        services.TryAddSingleton(AppClock);
        return services;
    }

    // Read from configuration, not through IOptions: ASP.NET Core resolves the clock while the web host is built, and the
    // options' validation belongs to the host's start, where its failures are logged like any other.
    private static TimeProvider AppClock(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetSection(WorkerOptions.Section).Get<WorkerOptions>() is { ClockStart: { } start, ClockOrigin: { } origin } o
            && o.ClockSpeed > 0
            ? new ConfiguredClock(start, origin, o.ClockSpeed, TimeProvider.System)
            : TimeProvider.System;

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
        services.AddSingleton<Archive.ArchiveFiler>();
        services.AddSingleton<Web.ConsoleLinks>();
        services.AddSingleton<MailComposer>();
        return services;
    }

    public static IServiceCollection AddCampaignMail(this IServiceCollection services)
    {
        services.AddSingleton<IMailTransport>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var from = new Core.Plans.Contact(o.FromName, o.FromAddress, null);
            var signer = SmtpConfiguration.DkimSigner(o);
            return o.SmtpHost is null
                ? new PickupFolderTransport(o.Resolve(o.MailPickup), from, signer)
                : new SmtpTransport(SmtpConfiguration.Settings(o), from, sp.GetRequiredService<TimeProvider>(), signer);
        });
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// Quartz, on the store the one Storage:Provider switch names. SQLite: the in-memory job store, one process; the
    /// schedule is configuration and all state lives in the domain store, so a restart loses nothing (the tick on start
    /// catches up). PostgreSQL: Quartz's persistent job store in the same database, clustered, so of several instances
    /// exactly one runs each tick ([DisallowConcurrentExecution] holds across the cluster) and a dead instance's tick is
    /// taken over. Quartz wakes on real time; the jobs read the injected clock.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignScheduling(this IHostApplicationBuilder builder, WorkerOptions options)
    {
        // An unknown zone is one of the settings the host's start refuses, logged with the others in the worker's log format; it
        // must not stop the wiring first with an exception of its own. The triggers it would time never start.
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var configured) ? configured : TimeZoneInfo.Utc;
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // The store opens (and migrates, under its lock) before Quartz starts, so a newer schema stops the start first.
        // Quartz's own schema (ProvisionSchema, below) is made by SchedulerStartup, which waits for a restarting server too.
        builder.Services.AddHostedService<StoreStartup>();
        // A named scheduler, so the real clock it is handed stays its own: the container's TimeProvider (the one every
        // worker service reads) may be a configured clock running faster than real time.
        builder.Services.AddQuartz(WorkerHost.SchedulerName, q =>
        {
            q.UseTimeProvider(TimeProvider.System);
            if (storage.Provider == StorageProviderKind.PostgreSql)
            {
                q.ConfigureScheduler(s =>
                {
                    // Unique per process, also for several on one machine; a restarted process is a new instance, and the
                    // cluster recovers what the old one held.
                    s.InstanceId = $"{options.Instance}-{Environment.ProcessId}";
                });
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(storage.ConnectionString!);
                    s.ConfigureStore(o => o.TablePrefix = "qrtz_");
                    s.ProvisionSchema();
                    s.UseSystemTextJsonSerializer(_ => { });
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        // Twice the interval: a busy instance on a small machine checks in late without being taken for dead.
                        c.CheckinMisfireThreshold = options.ClusterCheckinInterval * 2;
                    });
                });
            }
            // Recovery: a tick cut off by its instance dying is run again by another once the cluster notices (the tick
            // is idempotent), rather than waiting for tomorrow's cron.
            // Quartz's own check (running, its store reachable), which /health includes.
            q.AddQuartzHealthChecks();
            q.AddJob<TickJob>(j => j.WithIdentity(TickJob.Key).RequestRecovery());
            q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick-on-start").StartNow());
            // A tick missed while every instance was down runs once on recovery (fire once now, then on schedule), not
            // once per missed slot: each tick reconciles everything owed up to today, so one catches up all.
            if (options.TickInterval is { } interval)
            {
                q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick-interval").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)));
            }
            else
            {
                q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick-daily")
                    .WithCronSchedule(options.TickCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key));
            q.AddTrigger(t => t.ForJob(SweepJob.Key).WithIdentity("sweep-interval")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.DispatchInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        // Made (and its schema provisioned) ahead of the hosted service that starts it, waiting for a restarting server.
        builder.Services.AddHostedService<SchedulerStartup>();
        builder.Services.AddQuartzHostedService(WorkerHost.SchedulerName, o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<PlanWatcher>();
        return builder;
    }
}
