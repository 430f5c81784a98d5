using Campaigns.Core.Plans;

namespace Campaigns.Engine;

/// <summary>
/// The plans in the plans folder. A file that stops parsing keeps its last good plan running: a typo in
/// the office's YAML must not stop reminders already owed.
/// </summary>
public sealed class PlanCatalog(ILogger<PlanCatalog> logger)
{
    private readonly Dictionary<string, (DateTime Written, AnnualPlan? Plan)> _files = [];

    /// <summary>Every plan in <paramref name="location"/>, a folder of YAML files or one file (simulate --plan).</summary>
    public IReadOnlyList<AnnualPlan> Load(string location)
    {
        List<string> paths = File.Exists(location) ? [location]
            : Directory.Exists(location)
                ? [.. Directory.GetFiles(location, "*.yaml").Concat(Directory.GetFiles(location, "*.yml")).Order(StringComparer.Ordinal)]
                : [];
        foreach (var gone in _files.Keys.Except(paths).ToList())
        {
            _files.Remove(gone);
        }
        foreach (var path in paths)
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (_files.TryGetValue(path, out var known) && known.Written == written)
            {
                continue;
            }
            var result = PlanParser.Parse(File.ReadAllText(path), Path.GetRelativePath(Directory.GetCurrentDirectory(), path));
            foreach (var problem in result.Problems)
            {
                logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning, "{Problem}", problem.ToString());
            }
            if (result.Plan is null)
            {
                logger.LogError("Plan {Path} has errors; {Action}", path,
                    known.Plan is null ? "it is not run until fixed" : "the last good version keeps running");
                _files[path] = (written, known.Plan);
            }
            else
            {
                _files[path] = (written, result.Plan);
            }
        }
        var plans = _files.Values.Select(f => f.Plan).OfType<AnnualPlan>().ToList();
        foreach (var duplicate in plans.SelectMany(p => p.Campaigns.Select(c => (c.Id, p.SourcePath))).GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            logger.LogError("Campaign id {Id} appears in more than one plan ({Paths}); each campaign needs its own id",
                duplicate.Key, string.Join(", ", duplicate.Select(d => d.SourcePath)));
        }
        return plans;
    }
}
