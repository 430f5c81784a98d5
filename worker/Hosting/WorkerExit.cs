using System.Runtime.InteropServices;

namespace Campaigns.Hosting;

/// <summary>
/// Runs the worker host and turns how it ended into the exit status systemd's Restart=on-failure reads: 0 only when a
/// stop signal (SIGTERM, SIGINT, SIGQUIT) or the caller's cancellation ended it; 1 when it stopped for any other reason
/// (a background service faulted, something called StopApplication, a start that failed), so it is brought back.
/// </summary>
public static class WorkerExit
{
    public const int Stopped = 0;
    public const int Failed = 1;

    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        var asked = 0;
        // Registered beside the host's own console lifetime, which cancels the default action and stops the host; this
        // one only notes that a person or systemd asked.
        void Asked(PosixSignalContext _) => Interlocked.Exchange(ref asked, 1);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Asked);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Asked);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Asked);
        using var cancelled = cancellationToken.Register(() => Interlocked.Exchange(ref asked, 1));
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerExit));
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || Volatile.Read(ref asked) == 0)
        {
            logger.LogCritical(e, "The worker stopped on an error");
            return Failed;
        }
        if (Volatile.Read(ref asked) == 1)
        {
            return Stopped;
        }
        logger.LogCritical("The worker stopped without a stop signal (a background service faulted or the host was stopped from inside); exiting {Code}", Failed);
        return Failed;
    }
}
