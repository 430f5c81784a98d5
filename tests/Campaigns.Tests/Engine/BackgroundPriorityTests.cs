using Campaigns.Engine;

namespace Campaigns.Tests.Engine;

public sealed class BackgroundPriorityTests
{
    [Fact]
    public void Lower_OnAThreadOfItsOwn_ThatThreadAloneRunsAtTheNiceValue()
    {
        // why: the tick's producers run below the applier; lowering the process, or a pool thread, would slow what
        // must not be slowed (and a lowered thread cannot be raised again without privileges).
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var before = Nice();
        // Below the process's own value, and within Linux's range (19 the lowest), so the change shows.
        before.ShouldBeLessThan(19, "the test process already runs at the lowest priority");
        var wanted = Math.Min(before + 7, 19);
        int? lowered = null;
        var thread = new Thread(() =>
        {
            BackgroundPriority.Lower(wanted);
            lowered = Nice();
        });
        thread.Start();
        thread.Join();

        lowered.ShouldBe(wanted);
        Nice().ShouldBe(before);
    }

    // Field 19 of /proc/thread-self/stat, after the command name in parentheses (which may hold spaces).
    private static int Nice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16]);
    }
}
