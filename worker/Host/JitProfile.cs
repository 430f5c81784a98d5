using System.Runtime;
using Campaigns.Operations;

namespace Campaigns.Host;

/// <summary>
/// The runtime's multi-core JIT (<see cref="ProfileOptimization"/>) for the command being run. The runtime records which
/// methods the command compiled, in a profile in the cache folder, and the next start of the same command compiles them
/// on a spare core before they are first called. ReadyToRun leaves thousands of methods to the JIT at start (generic code
/// over the worker's types, reflection and Dapper stubs): a year of `simulate` of the sample plan compiled about 3,800,
/// 470 ms of JIT time, most of it on the thread doing the work. The folder is a cache: without one the command runs as
/// before, and a missing or stale profile only means compiling as before.
/// </summary>
public static class JitProfile
{
    // Held for the life of the process and never closed: on Linux the runtime writes the profile as the process ends (a
    // worker killed with SIGKILL writes none), and two processes of one command at once (a cluster's workers on one machine)
    // would otherwise write the same file together. The second one records no profile.
    private static FileStream? _lock;

    /// <summary>Starts recording (and playing back what an earlier run of this command recorded) when there is a cache folder.</summary>
    public static void Start(string command, Func<string, string?> environment)
    {
        if (Folder(environment) is not { } folder)
        {
            return;
        }
        try
        {
            OwnerOnly.CreateFolder(folder);
            _lock = new FileStream(Path.Combine(folder, command + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process of this command holds the profile, or the folder cannot be written: no profile this time.
            return;
        }
        ProfileOptimization.SetProfileRoot(folder);
        ProfileOptimization.StartProfile(command + ".jitprofile");
    }

    /// <summary>
    /// systemd's <c>CacheDirectory=</c> (<c>$CACHE_DIRECTORY</c>, the first if several), else the XDG cache folder; null when
    /// neither is known (no home, as for a system account without one).
    /// </summary>
    public static string? Folder(Func<string, string?> environment) =>
        environment("CACHE_DIRECTORY") is { Length: > 0 } systemd && Path.IsPathRooted(systemd.Split(':')[0]) ? systemd.Split(':')[0]
        : environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? Path.Combine(xdg, "campaigns")
        : environment("HOME") is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache", "campaigns")
        : null;

    /// <summary>
    /// The profile's name: the command, when <paramref name="args"/> start with one of <paramref name="commands"/> (each
    /// command runs different code); "run" without one, as the worker then runs. Anything else typed there (a misspelt
    /// command, an option) names no file.
    /// </summary>
    public static string? Name(IReadOnlyList<string> args, IEnumerable<string> commands) =>
        args is [] ? "run"
        : commands.Contains(args[0], StringComparer.Ordinal) ? args[0]
        : null;
}
