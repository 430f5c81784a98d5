using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Host;

/// <summary>Ticks when an admin saves a plan, so a change shows without waiting for the cron.</summary>
public sealed class PlanWatcher(IOptions<WorkerOptions> options, IServiceProvider services, ILogger<PlanWatcher> logger) : IHostedService, IDisposable
{
    private FileSystemWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var plans = options.Value.Resolve(options.Value.Plans);
        _watcher = File.Exists(plans)
            ? new FileSystemWatcher(Path.GetDirectoryName(plans)!, Path.GetFileName(plans))
            : new FileSystemWatcher(plans, "*.y*ml");
        _watcher.NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName;
        _watcher.EnableRaisingEvents = true;
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Renamed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _watcher?.Dispose();

    private async void OnChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            logger.LogInformation("Plan file {Path} changed; ticking", e.FullPath);
            var scheduler = services.GetRequiredKeyedService<IScheduler>(WorkerHost.SchedulerName);
            await scheduler.TriggerJob(TickJob.Key);
        }
        catch (SchedulerException ex)
        {
            logger.LogWarning(ex, "Could not trigger a tick after {Path} changed", e.FullPath);
        }
    }
}
