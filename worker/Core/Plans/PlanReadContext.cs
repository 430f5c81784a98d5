using YamlDotNet.RepresentationModel;

namespace Campaigns.Core.Plans;

/// <summary>The problems found so far in one plan file, and where each read value sits.</summary>
internal sealed class PlanReadContext(string file)
{
    private readonly Dictionary<string, SourceLocation> _locations = [];

    public List<PlanProblem> Problems { get; } = [];

    public void Locate(string path, YamlNode node) => _locations[path] = Location(node);

    /// <summary>Where a path's value sits, or its nearest located parent ("campaigns[0].window.end" → "campaigns[0].window").</summary>
    public SourceLocation At(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_locations.TryGetValue(p, out var location))
            {
                return location;
            }
        }
        return new SourceLocation(file, 1, 1);
    }

    public void Error(YamlNode node, string message) => Problems.Add(new PlanProblem(ProblemSeverity.Error, Location(node), message));

    public void Error(string path, string message) => Problems.Add(new PlanProblem(ProblemSeverity.Error, At(path), message));

    public void Warning(string path, string message) => Problems.Add(new PlanProblem(ProblemSeverity.Warning, At(path), message));

    private SourceLocation Location(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
