using System.Runtime.InteropServices;

namespace Campaigns.Engine;

/// <summary>
/// Processor time of the calling thread (Linux's CLOCK_THREAD_CPUTIME_ID), for bench-tick's phases: on a machine shared
/// with other work a stage's wall time says more about the neighbours than about the stage, and the difference between
/// a thread's wall and processor time is what it spent waiting (on the disk, the database, a lock). Zero elsewhere.
/// </summary>
internal static class ThreadTime
{
    private const int ThreadCpuClock = 3;

    public static TimeSpan Current =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : TimeSpan.Zero;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the generated marshalling needs unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);
}
