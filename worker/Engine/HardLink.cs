using System.Runtime.InteropServices;

namespace Campaigns.Engine;

/// <summary>A second name for an existing file (POSIX link(2)); false where the platform or the file system refuses.</summary>
internal static class HardLink
{
    public static bool TryCreate(string existing, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        try
        {
            return Link(existing, link) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport, which needs unsafe code enabled for the whole worker; on Unix a string
    // argument is passed as UTF-8.
    [DllImport("libc", EntryPoint = "link", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Link(string existing, string link);
}
