using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Host;

/// <summary>Checks every setting at start and reports all failures at once.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Campaigns:TimeZone '{options.TimeZone}' is not a known time zone.");
        }
        if (!IsCron(options.TickCron))
        {
            failures.Add($"Campaigns:TickCron '{options.TickCron}' is not a valid Quartz cron expression.");
        }
        if (options.DispatchInterval <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:DispatchInterval must be positive.");
        }
        if (options.RetryBaseDelay <= TimeSpan.Zero)
        {
            failures.Add("Campaigns:RetryBaseDelay must be positive.");
        }
        if (options.MaxDeliveryAttempts < 1)
        {
            failures.Add("Campaigns:MaxDeliveryAttempts must be at least 1.");
        }
        if (options.SmtpPort is < 1 or > 65535)
        {
            failures.Add($"Campaigns:SmtpPort {options.SmtpPort} is not a port.");
        }
        if (!Directory.Exists(options.Resolve(options.Plans)) && !File.Exists(options.Resolve(options.Plans)))
        {
            failures.Add($"Campaigns:Plans '{options.Resolve(options.Plans)}' is neither a folder of plans nor a plan file.");
        }
        if (!Directory.Exists(options.Resolve(options.Templates)))
        {
            failures.Add($"Campaigns:Templates folder '{options.Resolve(options.Templates)}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
