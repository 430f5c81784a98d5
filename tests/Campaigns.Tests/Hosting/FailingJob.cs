using Hangfire;

namespace Campaigns.Tests.Hosting;

/// <summary>A Hangfire job that always throws and is not retried: a Failed job on the dashboard at once.</summary>
public sealed class FailingJob
{
    [AutomaticRetry(Attempts = 0)]
    public void Run() => throw new InvalidOperationException("a job that fails (the test's)");
}
