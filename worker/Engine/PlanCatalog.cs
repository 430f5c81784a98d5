using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Documents;
using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine;

/// <summary>
/// The plans in the plans folder. A file that stops parsing keeps its last good plan running: a typo in the office's
/// YAML must not stop reminders already owed. The last good text is kept in the store, so a process that starts (or a
/// second instance that joins) while the file is broken runs it too. Each bad version of a file is logged once per
/// process, problem by problem at file:line:column, and the office is told once, through the outbox.
/// </summary>
public sealed class PlanCatalog(
    CampaignStore store, MailComposer mail, TimeProvider time, IOptions<WorkerOptions> options, ILogger<PlanCatalog> logger)
{
    /// <summary>Per file path: the SHA-256 of the text last read, and the plan that runs for it (the file's, or the last good).</summary>
    private readonly Dictionary<string, (string Sha256, AnnualPlan? Plan, bool Broken)> _files = [];

    /// <summary>Every plan in <paramref name="location"/>, a folder of YAML files or one file (simulate --plan).</summary>
    public IReadOnlyList<AnnualPlan> Load(string location)
    {
        var single = File.Exists(location);
        List<string> paths = single ? [location]
            : Directory.Exists(location)
                ? [.. Directory.GetFiles(location, "*.yaml").Concat(Directory.GetFiles(location, "*.yml")).Order(StringComparer.Ordinal)]
                : [];
        var folder = single ? Path.GetDirectoryName(Path.GetFullPath(location))! : location;
        foreach (var gone in _files.Keys.Except(paths).ToList())
        {
            _files.Remove(gone);
        }
        foreach (var path in paths)
        {
            // The content decides, not the write time: a save that changes nothing is not a new version, and a version
            // is logged and told once however often it is read.
            var bytes = File.ReadAllBytes(path);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (_files.TryGetValue(path, out var known) && known.Sha256 == sha256)
            {
                continue;
            }
            _files[path] = Read(path, PlanFile(folder, path), bytes, sha256, known.Broken);
        }
        var plans = _files.Values.Select(f => f.Plan).OfType<AnnualPlan>().ToList();
        foreach (var duplicate in plans.SelectMany(p => p.Campaigns.Select(c => (c.Id, p.SourcePath))).GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            logger.LogError("Campaign id {Id} appears in more than one plan ({Paths}); each campaign needs its own id",
                duplicate.Key, string.Join(", ", duplicate.Select(d => d.SourcePath)));
        }
        return plans;
    }

    /// <summary>The store's name for a plan file: its path relative to the plans folder, with forward slashes.</summary>
    public static string PlanFile(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private (string, AnnualPlan?, bool) Read(string path, string planFile, byte[] bytes, string sha256, bool wasBroken)
    {
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        var text = Decode(bytes);
        var result = CheckCommitments(PlanParser.Parse(text, shown), text, planFile, sha256);
        foreach (var problem in result.Problems)
        {
            logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning, "{Problem}", problem.ToString());
        }
        if (result.Plan is { } plan)
        {
            if (store.AcceptPlan(new LastGoodPlan(planFile, text, sha256, time.GetUtcNow()), options.Value.Instance))
            {
                logger.LogInformation("Plan {Path} version {Version} accepted", shown, Short(sha256));
            }
            if (wasBroken)
            {
                logger.LogInformation("Plan {Path} fixed; version {Version} runs", shown, Short(sha256));
            }
            return (sha256, plan, false);
        }

        var lastGood = store.LastGoodPlan(planFile);
        var running = lastGood is null ? null : PlanParser.Parse(lastGood.YamlText, shown).Plan;
        if (lastGood is null || running is null)
        {
            logger.LogError("Plan {Path} (version {Version}) has errors and no earlier version of it ever parsed{Why}; it is not run until fixed",
                shown, Short(sha256), lastGood is null ? "" : " with this worker");
            return (sha256, null, true);
        }
        logger.LogError("Plan {Path} (version {Version}) has errors; the last good version {LastGood} accepted at {AcceptedAt} keeps running",
            shown, Short(sha256), Short(lastGood.Sha256), lastGood.AcceptedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        TellOffice(running, planFile, shown, bytes.Length == 0, sha256, result.Problems, lastGood);
        return (sha256, running, true);
    }

    /// <summary>
    /// A parsed plan whose seed commitments contradict the ledger is a bad version like any other (the last good one runs,
    /// the office is told); otherwise the commitments seen for the first time, and approved re-commitments, are recorded.
    /// </summary>
    private PlanLoadResult CheckCommitments(PlanLoadResult result, string text, string planFile, string sha256)
    {
        if (result.Plan is not { } plan)
        {
            return result;
        }
        var check = SeedCommitmentCheck.Check(plan, text, planFile, sha256, time.GetUtcNow(), store.Commitments([.. plan.Campaigns.Select(c => c.Id)]));
        if (check.Problems.Count > 0)
        {
            return new PlanLoadResult(null, [.. result.Problems, .. check.Problems]);
        }
        foreach (var (campaignId, entry) in check.Seen)
        {
            if (store.RecordCommitment(campaignId, entry, options.Value.Instance))
            {
                logger.LogInformation("Campaign {Campaign}: seed commitment {Commitment} recorded{Recommitment}", campaignId, Short(entry.Commitment),
                    entry.Replaces is null ? "" : $" replacing {Short(entry.Replaces)} ({entry.Reason}; approved by {entry.ApprovedBy})");
            }
        }
        return result;
    }

    private void TellOffice(AnnualPlan running, string planFile, string shown, bool empty, string sha256, IReadOnlyList<PlanProblem> problems, LastGoodPlan lastGood)
    {
        if (empty)
        {
            // An editor that truncates before writing shows an empty file for a moment; the watcher's tick may read it.
            // The office is told of what it saved, not of a save caught half-way.
            logger.LogWarning("Plan {Path} is empty; the office is not told (perhaps it was read while being saved)", shown);
            return;
        }
        var orders = PlanErrorNotices.For(running, planFile, sha256, problems, lastGood.Sha256, lastGood.AcceptedAt);
        if (orders.Count == 0)
        {
            logger.LogWarning("Plan {Path}: the last good version lists no office contact with an e-mail address, so nobody is told of its errors", shown);
            return;
        }
        var queued = store.Queue([.. orders.Select(mail.Compose)], time.GetUtcNow(), options.Value.Instance);
        if (queued.Count > 0)
        {
            logger.LogInformation("Plan {Path}: told {Recipients} of its errors", shown, string.Join(", ", queued.Select(m => m.RecipientEmail)));
        }
    }

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Short(string sha256) => sha256[..12];
}
