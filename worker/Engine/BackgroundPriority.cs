using System.Runtime.InteropServices;

namespace Campaigns.Engine;

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux: its nice value, for that thread alone), for work whose
/// throughput matters and whose latency does not. Elsewhere, or if the system refuses, nothing changes. A thread lowered
/// cannot be raised again without privileges, so only a thread of its own is ever lowered, never one of the pool.
/// </summary>
internal static class BackgroundPriority
{
    private const int PrioProcess = 0;

    public static void Lower(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            // On Linux PRIO_PROCESS with a thread id sets that thread's own nice value.
            _ = SetPriority(PrioProcess, GetThreadId(), nice);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without gettid (glibc before 2.30): the thread keeps the process's priority.
        }
    }

    // DllImport, not LibraryImport: the generated marshalling needs unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
