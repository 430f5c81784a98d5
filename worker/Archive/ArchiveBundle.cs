using System.IO.Compression;
using System.Security.Cryptography;
using Campaigns.Core.Archive;

namespace Campaigns.Archive;

/// <summary>
/// The zip of an archive bundle. Entries go in ordinal order of name with one fixed timestamp and no extra fields,
/// so the same files on the same date give the same bytes, whoever makes the bundle and whenever.
/// </summary>
public static class ArchiveBundle
{
    public static byte[] Create(IReadOnlyDictionary<string, byte[]> files, DateOnly stamp)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                // DOS time has no zone: midnight of the office date, whatever the machine's zone.
                entry.LastWriteTime = new DateTimeOffset(stamp.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                using var target = entry.Open();
                target.Write(content);
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Every file entry's path, SHA-256 and size, hashed as it streams out of the zip (an entry of 1.5 GB once ran the
    /// process out of memory when read whole), with the bytes kept only of <paramref name="keep"/> (the manifest), up to
    /// <paramref name="keepAtMost"/> bytes; a longer one is kept as null.
    /// </summary>
    public static IReadOnlyList<(ManifestFile File, byte[]? Content)> Hashes(string path, string keep, int keepAtMost)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new List<(ManifestFile, byte[]?)>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            using var source = entry.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var kept = entry.FullName == keep ? new MemoryStream() : null;
            var buffer = new byte[81920];
            long size = 0;
            for (int read; (read = source.Read(buffer)) > 0;)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                if (kept is not null && size <= keepAtMost)
                {
                    kept.Write(buffer, 0, read);
                }
            }
            entries.Add((new ManifestFile(entry.FullName, Convert.ToHexStringLower(hash.GetHashAndReset()), size),
                kept is not null && size <= keepAtMost ? kept.ToArray() : null));
        }
        return entries;
    }

    /// <summary>Every file entry in the order stored (folders skipped); a path may repeat in a zip made by hand.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new List<(string, byte[])>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            using var source = entry.Open();
            using var content = new MemoryStream();
            source.CopyTo(content);
            entries.Add((entry.FullName, content.ToArray()));
        }
        return entries;
    }
}
