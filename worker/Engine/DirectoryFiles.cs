using Campaigns.Core.Sheets;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Operations;

namespace Campaigns.Engine;

/// <summary>
/// Reads the entity and inspector directories (entities.xlsx/.csv, inspectors.xlsx/.csv) when they change. A file with bad rows
/// is rejected whole and the last good snapshot stays in use, so a half-edited export never reaches a draw.
/// </summary>
public sealed class DirectoryFiles(ILogger<DirectoryFiles> logger)
{
    private (DateTime Entities, DateTime Inspectors) _read;
    private DirectorySnapshot? _snapshot;
    // The worker's own copies of the files behind the snapshot, by name. Not their bytes: a province's entity file is
    // over 100 MB, in memory for as long as the snapshot was in use. Not the office's files either: one replaced by a bad
    // export leaves the last good snapshot in use, and its draws must keep the bytes they were drawn from.
    private IReadOnlyList<(string Name, string Copy)> _files = [];

    /// <summary>
    /// The snapshot of the directories in <paramref name="folder"/>, read again when a file changed. The files of a good
    /// snapshot are copied, once per content, into <paramref name="copies"/> (owner-only), from where <see cref="Keep"/>
    /// links them into each draw's folder; best on the same file system as the documents.
    /// </summary>
    public DirectorySnapshot? Load(string folder, string copies)
    {
        var entitiesPath = Find(folder, "entities");
        var inspectorsPath = Find(folder, "inspectors");
        if (entitiesPath is null || inspectorsPath is null)
        {
            return _snapshot;
        }
        var stamp = (File.GetLastWriteTimeUtc(entitiesPath), File.GetLastWriteTimeUtc(inspectorsPath));
        if (stamp == _read)
        {
            return _snapshot;
        }
        _read = stamp;
        var (entitiesContent, inspectorsContent) = (File.ReadAllBytes(entitiesPath), File.ReadAllBytes(inspectorsPath));
        // Hashed and copied beside the parse (about 0.75 s of a province directory's read): a bad file's copy is only
        // removed with the next good snapshot's.
        var copying = Task.Run(() => new[]
        {
            Copy(copies, SnapshotFile.Of(Path.GetFileName(entitiesPath), entitiesContent), entitiesContent),
            Copy(copies, SnapshotFile.Of(Path.GetFileName(inspectorsPath), inspectorsContent), inspectorsContent),
        });
        var entities = DirectorySheet.ReadEntities(entitiesContent, entitiesPath);
        var inspectors = DirectorySheet.ReadInspectors(Sheet.Load(inspectorsContent, inspectorsPath), inspectorsPath);
        (SnapshotFile File, string Path)[] kept;
        try
        {
            kept = copying.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its own copy no draw could keep what it was drawn from: the last snapshot stays, and the next tick tries again.
            logger.LogError(e, "Could not copy the directory files into {Copies}; the last good snapshot stays in use", copies);
            _read = default;
            return _snapshot;
        }
        var problems = entities.Problems.Concat(inspectors.Problems).ToList();
        foreach (var problem in problems)
        {
            logger.LogError("{Problem}", problem.ToString());
        }
        if (problems.Count > 0)
        {
            logger.LogError("Directories in {Folder} have {Count} problems; {Action}", folder, problems.Count,
                _snapshot is null ? "no draw can run until they are fixed" : "the last good snapshot stays in use");
            return _snapshot;
        }
        // The copies of earlier snapshots go: every draw made from them holds links of its own.
        foreach (var old in Directory.GetDirectories(copies).Where(d => !kept.Any(k => Path.GetDirectoryName(k.Path) == d)))
        {
            Directory.Delete(old, recursive: true);
        }
        _snapshot = new DirectorySnapshot(entities.Rows, inspectors.Rows, [kept[0].File, kept[1].File]);
        _files = [(kept[0].File.File, kept[0].Path), (kept[1].File.File, kept[1].Path)];
        return _snapshot;
    }

    /// <summary>The worker's copy of one file, in a folder named for its SHA-256; written only when not there yet.</summary>
    private static (SnapshotFile File, string Path) Copy(string copies, SnapshotFile file, byte[] content)
    {
        var folder = Path.Combine(copies, file.Sha256);
        var path = Path.Combine(folder, file.File);
        if (File.Exists(path) && new FileInfo(path).Length == content.LongLength)
        {
            return (file, path);
        }
        OwnerOnly.CreateFolder(folder);
        // Written aside and renamed: a worker stopped mid-write leaves no short copy under the final name, and two workers
        // sharing the documents folder each write their own.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        OwnerOnly.WriteNew(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return (file, path);
    }

    /// <summary>
    /// Writes the files behind the current snapshot, byte for byte as read, into <paramref name="folder"/>: kept with a
    /// draw's record, they let anyone run verify-draw long after the directories have been updated. Plans' threads call it
    /// at once, each for its own draws' folders, between two loads.
    /// </summary>
    public void Keep(string folder, IReadOnlyList<DrawDepartment> departments)
    {
        OwnerOnly.CreateFolder(folder);
        // The third file the draw's directory hash covers: the departments as the draw saw them, in the same bytes.
        OwnerOnly.WriteAllBytes(Path.Combine(folder, DrawDepartments.FileName), DrawDepartments.Csv(departments));
        foreach (var (name, copy) in _files)
        {
            var path = Path.Combine(folder, name);
            // A province draw day keeps the same directory (over a hundred megabytes) for every campaign it draws: each is
            // a hard link to the worker's copy, so the bytes are on disk once. Where linking fails, a plain copy.
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            if (!HardLink.TryCreate(copy, path))
            {
                using var from = File.OpenRead(copy);
                using var to = OwnerOnly.Create(path);
                from.CopyTo(to);
            }
        }
    }

    /// <summary>"{name}.xlsx" (an export from the provincial platform) or else "{name}.csv"; null when neither exists.</summary>
    public static string? Find(string folder, string name) =>
        new[] { ".xlsx", ".csv" }.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);
}
