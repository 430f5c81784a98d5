using Campaigns.Storage;

namespace Campaigns.Tests.Storage;

public class SchedulerCheckinTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(9_400, true)]
    [InlineData(9_600, false)]
    [InlineData(600_000, false)]
    public void IsAliveAt_WithinTwoIntervalsAndTheGrace(int millisecondsAgo, bool alive) =>
        new SchedulerCheckin("w1-42", (Now - TimeSpan.FromMilliseconds(millisecondsAgo)).UtcTicks, 1_000).IsAliveAt(Now).ShouldBe(alive);
}
