using Hangfire;

namespace Campaigns.Tests.Fixtures;

/// <summary>Waits for a Hangfire job to reach a state; a job that never does fails the test after 30 s, naming where it stayed.</summary>
public static class JobStates
{
    public static async Task WaitFor(JobStorage storage, string jobId, string state)
    {
        using var connection = storage.GetConnection();
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(50))
        {
            var now = connection.GetStateData(jobId)?.Name;
            if (now == state)
            {
                return;
            }
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(30), $"job {jobId} stayed {now}, never {state}");
            await Task.Delay(50);
        }
    }
}
