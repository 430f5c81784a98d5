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
    private IReadOnlyList<(string Name, byte[] Content)> _files = [];
    private readonly Dictionary<string, string> _kept = [];

    public DirectorySnapshot? Load(string folder)
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
        var entities = DirectorySheet.ReadEntities(Sheet.Load(entitiesContent, entitiesPath), entitiesPath);
        var inspectors = DirectorySheet.ReadInspectors(Sheet.Load(inspectorsContent, inspectorsPath), inspectorsPath);
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
        _snapshot = new DirectorySnapshot(entities.Rows, inspectors.Rows,
            [SnapshotFile.Of(Path.GetFileName(entitiesPath), entitiesContent), SnapshotFile.Of(Path.GetFileName(inspectorsPath), inspectorsContent)]);
        _files = [(Path.GetFileName(entitiesPath), entitiesContent), (Path.GetFileName(inspectorsPath), inspectorsContent)];
        _kept.Clear();
        return _snapshot;
    }

    /// <summary>
    /// Writes the files behind the current snapshot, byte for byte as read, into <paramref name="folder"/>: kept with a
    /// draw's record, they let anyone run verify-draw long after the directories have been updated.
    /// </summary>
    public void Keep(string folder, IReadOnlyList<DrawDepartment> departments)
    {
        OwnerOnly.CreateFolder(folder);
        // The third file the draw's directory hash covers: the departments as the draw saw them, in the same bytes.
        OwnerOnly.WriteAllBytes(Path.Combine(folder, DrawDepartments.FileName), DrawDepartments.Csv(departments));
        foreach (var (name, content) in _files)
        {
            var path = Path.Combine(folder, name);
            // A province draw day keeps the same directory (over a hundred megabytes) for every campaign it draws: each
            // later copy is a hard link to the first, so the bytes are on disk once. Where linking fails, a plain copy.
            if (_kept.TryGetValue(name, out var first) && File.Exists(first) && !File.Exists(path) && HardLink.TryCreate(first, path))
            {
                continue;
            }
            OwnerOnly.WriteAllBytes(path, content);
            _kept[name] = path;
        }
    }

    /// <summary>"{name}.xlsx" (an export from the provincial platform) or else "{name}.csv"; null when neither exists.</summary>
    public static string? Find(string folder, string name) =>
        new[] { ".xlsx", ".csv" }.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);
}
