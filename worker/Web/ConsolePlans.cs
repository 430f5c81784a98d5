using System.Security.Cryptography;
using Campaigns.Core.Plans;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Web;

/// <summary>
/// The plans as the console reads them: each file parsed as `validate` does, falling back to the last good version the
/// store keeps, as the tick does. Read-only: unlike <see cref="PlanCatalog"/> it records nothing and tells nobody, so a
/// page view never changes what the worker does. A file is parsed again only when its content changes.
/// </summary>
public sealed class ConsolePlans(CampaignStore store, IOptions<WorkerOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Sha256, ConsolePlan Plan)> _files = [];

    public IReadOnlyList<ConsolePlan> All()
    {
        var location = options.Value.Resolve(options.Value.Plans);
        var single = File.Exists(location);
        List<string> paths = single ? [location]
            : Directory.Exists(location)
                ? [.. Directory.GetFiles(location, "*.yaml").Concat(Directory.GetFiles(location, "*.yml")).Order(StringComparer.Ordinal)]
                : [];
        var folder = single ? Path.GetDirectoryName(location)! : location;
        var plans = new List<ConsolePlan>();
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            lock (_gate)
            {
                if (!_files.TryGetValue(path, out var known) || known.Sha256 != sha256)
                {
                    known = (sha256, Read(folder, path, bytes));
                    _files[path] = known;
                }
                plans.Add(known.Plan);
            }
        }
        return plans;
    }

    public ConsolePlan? BySlug(string slug) => All().FirstOrDefault(p => p.Slug == slug);

    /// <summary>The running plan that holds <paramref name="campaignId"/>, with its file.</summary>
    public (ConsolePlan File, AnnualPlan Plan, CampaignPlan Campaign)? Campaign(string campaignId) =>
        All().Where(p => p.Plan is not null).Select(p => (p, p.Plan!, p.Plan!.Campaigns.FirstOrDefault(c => c.Id == campaignId)))
            .Where(x => x.Item3 is not null).Select(x => ((ConsolePlan, AnnualPlan, CampaignPlan)?)(x.p, x.Item2, x.Item3!)).FirstOrDefault();

    private ConsolePlan Read(string folder, string path, byte[] bytes)
    {
        var file = PlanCatalog.PlanFile(folder, path);
        var slug = Path.ChangeExtension(file, null);
        var (_, result) = PlanText.Parse(bytes, file);
        var lastGood = store.LastGoodPlan(file);
        var plan = result.Plan ?? (lastGood is null ? null : PlanParser.Parse(lastGood.YamlText, file).Plan);
        return new ConsolePlan(file, slug, plan, result.Problems, lastGood);
    }
}
