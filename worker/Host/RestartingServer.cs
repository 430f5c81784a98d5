using Npgsql;

namespace Campaigns.Host;

/// <summary>
/// A start-up step that meets a PostgreSQL server restarting (refused, reset) waits for it, a second at a time, up to a
/// minute, rather than ending the start: the store's opening (<see cref="StoreStartup"/>) and Quartz's scheduler
/// (<see cref="SchedulerStartup"/>) share this wait.
/// </summary>
internal static class RestartingServer
{
    private const int Attempts = 60;

    /// <summary>Runs <paramref name="attempt"/> (told whether it is the first) until it succeeds or fails for good.</summary>
    public static async Task WaitAsync(string what, Func<bool, Task> attempt, ILogger logger, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                await attempt(n == 1);
                return;
            }
            catch (Exception e) when (n < Attempts && Cause(e) is { } cause)
            {
                logger.LogWarning("{What} not reachable at start ({Error}); trying again in a second", what, cause.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>The transient PostgreSQL error behind <paramref name="e"/> (Quartz wraps the driver's), or null.</summary>
    private static NpgsqlException? Cause(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } transient)
            {
                return transient;
            }
        }
        return null;
    }
}
