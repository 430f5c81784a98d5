using Campaigns.Core.Plans;
using Campaigns.Engine;
using Campaigns.Host;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>What the admin commands share: the worker's own services without its schedule, the plans, today's office date.</summary>
public static class CliServices
{
    /// <summary>Runs <paramref name="action"/> over the worker's services (configuration, store, plans), quiet below warnings.</summary>
    public static int Run(Func<IServiceProvider, int> action)
    {
        using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        return action(host.Services);
    }

    public static WorkerOptions Options(this IServiceProvider services) => services.GetRequiredService<IOptions<WorkerOptions>>().Value;

    /// <summary>The last good plans where the configuration says.</summary>
    public static IReadOnlyList<AnnualPlan> Plans(this IServiceProvider services) =>
        services.GetRequiredService<PlanCatalog>().Load(services.Options().Resolve(services.Options().Plans));

    /// <summary>The plan that holds <paramref name="campaignId"/>, or null.</summary>
    public static AnnualPlan? PlanOf(this IServiceProvider services, string campaignId) =>
        services.Plans().FirstOrDefault(p => p.Campaigns.Any(c => c.Id == campaignId));

    /// <summary>Today in the office's time zone, from the injected clock.</summary>
    public static DateOnly Today(this IServiceProvider services, AnnualPlan? plan) =>
        TickService.OfficeDate(services.GetRequiredService<TimeProvider>().GetUtcNow(), plan?.Office.TimeZone ?? services.Options().TimeZone);
}
