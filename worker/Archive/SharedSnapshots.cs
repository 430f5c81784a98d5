using System.Security.Cryptography;
using Campaigns.Core.Archive;
using Campaigns.Core.Draws;
using Campaigns.Core.Paths;
using Campaigns.Operations;

namespace Campaigns.Archive;

/// <summary>
/// The draw snapshots' directory files, kept once per content beside the bundles (<see cref="ArchiveManifest.SharedFolder"/>)
/// instead of inside each: every campaign of a province year drew from the same directory of a million entities (115 MB),
/// and a bundle each holding a compressed copy made a year-end of 2,000 bundles hundreds of gigabytes and hours of
/// compressing. A bundle's manifest names each such file with its SHA-256 and size (<see cref="ArchiveManifest.Shared"/>), so
/// `archive verify` checks the shared copy as it checks the bundle's own entries.
/// </summary>
public static class SharedSnapshots
{
    /// <summary>
    /// Moves the snapshot files in <paramref name="files"/> whose bytes the draw recorded (same name, same SHA-256) out of
    /// the bundle and into the shared folder under <paramref name="archiveFolder"/>, if not there already. The hash the draw
    /// recorded is checked once, when the content is first kept; a file that differs from the record stays in the bundle.
    /// </summary>
    public static IReadOnlyList<ManifestFile> Keep(Dictionary<string, string> files, Draw? draw, string archiveFolder)
    {
        if (draw is null)
        {
            return [];
        }
        var recorded = draw.Snapshot.ToDictionary(f => f.File, f => f.Sha256, StringComparer.Ordinal);
        var shared = new List<ManifestFile>();
        foreach (var (path, source) in files.Where(f => f.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToList())
        {
            var name = path[Prefix.Length..];
            if (!recorded.TryGetValue(name, out var sha256) || !EnsureKept(source, sha256, Location(archiveFolder, sha256, name)))
            {
                continue;
            }
            files.Remove(path);
            shared.Add(new ManifestFile(path, sha256, new FileInfo(source).Length));
        }
        return [.. shared.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Where the shared copy of a manifest's file is, beside the bundle in <paramref name="archiveFolder"/>.</summary>
    public static string Location(string archiveFolder, ManifestFile file) =>
        Location(archiveFolder, file.Sha256, file.Path[(file.Path.LastIndexOf('/') + 1)..]);

    /// <summary>The SHA-256 and size of a file, read as a stream.</summary>
    public static (string Sha256, long Size) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    private const string Prefix = CampaignArchive.DocumentsFolder + "snapshot/";

    private static string Location(string archiveFolder, string sha256, string name) =>
        Path.Combine(archiveFolder, ArchiveManifest.SharedFolder, sha256, PortableName.Segment(name));

    private static bool EnsureKept(string source, string sha256, string target)
    {
        if (File.Exists(target))
        {
            return true;
        }
        if (Hash(source).Sha256 != sha256)
        {
            return false;
        }
        OwnerOnly.CreateFolder(Path.GetDirectoryName(target)!);
        // Beside its final name, then renamed: a reader never sees half a copy, and two filers at once leave one.
        var staging = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.Copy(source, staging);
            // The inspectors' file names people: owner-only, as everything the worker keeps about them.
            OwnerOnly.Restrict(staging);
            File.Move(staging, target, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
        return true;
    }
}
