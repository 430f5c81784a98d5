using Campaigns.Core.Directories;
using Campaigns.Core.Engine;

namespace Campaigns.Engine;

/// <summary>
/// Reads entities.csv and inspectors.csv from the directories folder when they change. A file with bad rows
/// is rejected whole and the last good snapshot stays in use, so a half-edited export never reaches a draw.
/// </summary>
public sealed class DirectoryFiles(ILogger<DirectoryFiles> logger)
{
    private (DateTime Entities, DateTime Inspectors) _read;
    private DirectorySnapshot? _snapshot;

    public DirectorySnapshot? Load(string folder)
    {
        var entitiesPath = Path.Combine(folder, "entities.csv");
        var inspectorsPath = Path.Combine(folder, "inspectors.csv");
        if (!File.Exists(entitiesPath) || !File.Exists(inspectorsPath))
        {
            return _snapshot;
        }
        var stamp = (File.GetLastWriteTimeUtc(entitiesPath), File.GetLastWriteTimeUtc(inspectorsPath));
        if (stamp == _read)
        {
            return _snapshot;
        }
        _read = stamp;
        var entities = DirectoryCsv.ReadEntities(File.ReadAllText(entitiesPath), entitiesPath);
        var inspectors = DirectoryCsv.ReadInspectors(File.ReadAllText(inspectorsPath), inspectorsPath);
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
        _snapshot = new DirectorySnapshot(entities.Rows, inspectors.Rows, DirectoryHash.Of(entities.Rows, inspectors.Rows));
        return _snapshot;
    }
}
