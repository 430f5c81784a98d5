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
        int? lowered = null;
        var thread = new Thread(() =>
        {
            BackgroundPriority.Lower(before + 7);
            lowered = Nice();
        });
        thread.Start();
        thread.Join();

        lowered.ShouldBe(before + 7);
        Nice().ShouldBe(before);
    }

    // Field 19 of /proc/thread-self/stat, after the command name in parentheses (which may hold spaces).
    private static int Nice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16]);
    }
}
