using System.Security.Cryptography;
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
        // The folder listed once for both extensions: it is read before every tick.
        List<string> paths = single ? [location]
            : Directory.Exists(location)
                ? [.. Directory.EnumerateFiles(location).Where(IsPlanFile).Order(StringComparer.Ordinal)]
                : [];
        var folder = single ? Path.GetDirectoryName(Path.GetFullPath(location))! : location;
        foreach (var gone in _files.Keys.Except(paths).ToList())
        {
            _files.Remove(gone);
        }
        // Campaign ids are the store's keys for state, draws, results and documents: one id in two offices' plans would
        // have one office's reminders and breach reports read the other's. Files are taken in path order, and an id an
        // earlier file runs (or the store holds for another plan) is an error in the later one.
        // Case-insensitive: the id names the campaign's folder, and Windows shares (where offices copy them) ignore case.
        var claimed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // The content decides, not the write time: a save that changes nothing is not a new version, and a version
        // is logged and told once however often it is read.
        var contents = paths.Select(path => (Bytes: File.ReadAllBytes(path), Sha256: "")).ToArray();
        var changed = new (string Text, PlanLoadResult Result)?[paths.Count];
        // Parsing is pure and, at start, a province's 200 files: in parallel. What follows touches the store and the
        // claimed ids, one file at a time in path order.
        Parallel.For(0, paths.Count, i =>
        {
            contents[i].Sha256 = Convert.ToHexStringLower(SHA256.HashData(contents[i].Bytes));
            if (!_files.TryGetValue(paths[i], out var known) || known.Sha256 != contents[i].Sha256)
            {
                changed[i] = PlanText.Parse(contents[i].Bytes, Shown(paths[i]));
            }
        });
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (changed[i] is { } parsed)
            {
                _files[path] = Read(path, PlanFile(folder, path), contents[i].Bytes, contents[i].Sha256, _files.GetValueOrDefault(path).Broken, claimed, parsed);
            }
            foreach (var campaign in _files[path].Plan?.Campaigns ?? [])
            {
                claimed.TryAdd(campaign.Id, path);
            }
        }
        return [.. paths.Select(p => _files[p].Plan).OfType<AnnualPlan>()];
    }

    /// <summary>
    /// Errors at each campaign id of <paramref name="plan"/> (read from <paramref name="text"/>) that another plan file
    /// runs or that the store holds under another office or year.
    /// </summary>
    private List<PlanProblem> Duplicates(AnnualPlan plan, string text, string path, string shown, IReadOnlyDictionary<string, string> claimed)
    {
        var owners = store.CampaignPlanKeys([.. plan.Campaigns.Select(c => c.Id)]);
        var problems = new List<PlanProblem>();
        foreach (var campaign in plan.Campaigns)
        {
            var other = claimed.TryGetValue(campaign.Id, out var file) && file != path
                ? $"计划文件 {Path.GetRelativePath(Directory.GetCurrentDirectory(), file)} 中已有同一编号的抽查任务"
                : owners.TryGetValue(campaign.Id, out var key) && key != plan.Key
                    ? $"数据库中该编号已属于“{key}”的抽查任务"
                    : null;
            if (other is not null)
            {
                problems.Add(new PlanProblem(ProblemSeverity.Error, IdLocation(text, shown, campaign.Id),
                    $"抽查任务编号“{campaign.Id}”重复：{other}。各办公室、各年度的抽查任务编号必须唯一，请改用其他编号；改正前本文件的这一版不运行"));
            }
        }
        return problems;
    }

    /// <summary>The line and column of `id: {id}` in the plan's text; the top of the file when it cannot be found.</summary>
    private static SourceLocation IdLocation(string text, string shown, string id)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = System.Text.RegularExpressions.Regex.Match(lines[i], @"^\s*(?:-\s*)?id:\s*[""']?(?<id>[^""'#\s]+)");
            if (match.Success && match.Groups["id"].Value == id)
            {
                return new SourceLocation(shown, i + 1, match.Groups["id"].Index + 1);
            }
        }
        return new SourceLocation(shown, 1, 1);
    }

    /// <summary>
    /// How <paramref name="plan"/>'s check-item list differs from the last good version the store keeps for its file, when
    /// that version was already published (004 §8 asks a change of the published list to be made public); null otherwise.
    /// </summary>
    private PendingCheckItemChange? CheckItemChange(string planFile, AnnualPlan plan, string sha256)
    {
        if (store.LastGoodPlan(planFile) is not { } previous || previous.Sha256 == sha256)
        {
            return null;
        }
        var today = TickService.OfficeDate(time.GetUtcNow(), plan.Office.TimeZone);
        return PlanParser.Parse(previous.YamlText, planFile).Plan is { } before
            && before.Key == plan.Key && before.Office.PublishedOn is { } published && published <= today
            && CheckItemList.Between(before, plan) is { } change
                ? new PendingCheckItemChange(plan, today, previous.Sha256, change)
                : null;
    }

    /// <summary>The store's name for a plan file: its path relative to the plans folder, with forward slashes.</summary>
    public static string PlanFile(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static bool IsPlanFile(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    private static string Shown(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);

    private (string, AnnualPlan?, bool) Read(
        string path, string planFile, byte[] bytes, string sha256, bool wasBroken, IReadOnlyDictionary<string, string> claimed, (string Text, PlanLoadResult Result) read)
    {
        var shown = Shown(path);
        var (text, parsed) = read;
        var result = CheckCommitments(parsed, text, planFile, sha256);
        if (result.Plan is { } candidate && Duplicates(candidate, text, path, shown, claimed) is { Count: > 0 } duplicates)
        {
            result = new PlanLoadResult(null, [.. result.Problems, .. duplicates]);
        }
        foreach (var problem in result.Problems)
        {
            logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning, "{Problem}", problem.ToString());
        }
        if (result.Plan is { } good)
        {
            var (plan, missing) = DrawnCampaigns.Keep(store, good, planFile, text, shown, time.GetUtcNow(), options.Value.Instance);
            var itemChange = CheckItemChange(planFile, good, sha256);
            if (store.AcceptPlan(new LastGoodPlan(planFile, text, sha256, time.GetUtcNow()), options.Value.Instance, itemChange))
            {
                logger.LogInformation("Plan {Path} version {Version} accepted", shown, Short(sha256));
                if (itemChange is not null)
                {
                    logger.LogInformation("Plan {Path}: the published check-item list changed ({Change}); it is to be made public within {Days} working days (004 §8)",
                        shown, Core.Engine.CheckItemChanges.Summary(good, itemChange.Change), good.Rules.CheckItemChangeWorkingDays);
                }
            }
            if (wasBroken)
            {
                logger.LogInformation("Plan {Path} fixed; version {Version} runs", shown, Short(sha256));
            }
            if (missing.Count > 0)
            {
                missing.ToList().ForEach(m => logger.LogWarning("{Problem}", m.ToString()));
                store.Queue([.. PlanErrorNotices.For(plan, planFile, sha256, missing, sha256, time.GetUtcNow()).Select(mail.Compose)], time.GetUtcNow(), options.Value.Instance);
            }
            return (sha256, plan, false);
        }

        var lastGood = store.LastGoodPlan(planFile);
        var running = lastGood is null ? null : PlanParser.Parse(lastGood.YamlText, shown).Plan;
        if (running is not null && Duplicates(running, lastGood!.YamlText, path, shown, claimed).Count > 0)
        {
            logger.LogError("Plan {Path}: its last good version {LastGood} shares a campaign id with another plan too; the file does not run", shown, Short(lastGood.Sha256));
            return (sha256, null, true);
        }
        if (lastGood is null || running is null)
        {
            logger.LogError("Plan {Path} (version {Version}) has errors and no earlier version of it ever parsed{Why}; it is not run until fixed",
                shown, Short(sha256), lastGood is null ? "" : " with this worker");
            return (sha256, null, true);
        }
        running = DrawnCampaigns.Keep(store, running, planFile, lastGood.YamlText, shown, time.GetUtcNow(), options.Value.Instance).Plan;
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

    private static string Short(string sha256) => sha256[..12];
}
