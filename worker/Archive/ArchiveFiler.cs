using Campaigns.Host;
using Campaigns.Operations;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Archive;

/// <summary>
/// Files what the ledger says is owed: the bundle of each archived campaign that has none filed since it was archived
/// (<see cref="CampaignStore.ArchivesOwed"/>), into the archive folder beside the documents. The worker's
/// <see cref="Jobs.ArchiveJob"/> files one campaign; simulate files every owed one after each day's tick.
/// </summary>
public sealed class ArchiveFiler(CampaignStore store, IOptions<WorkerOptions> options, TimeProvider time)
{
    public string Folder => CampaignArchive.DefaultFolder(options.Value.Resolve(options.Value.Documents));

    /// <summary>Files the campaign's bundle when it is owed one; null when it is not (not archived, or filed already).</summary>
    public FiledBundle? FileOwed(string campaignId, string actor) =>
        BuildOwed(campaignId, null) is var (campaign, bundle) ? FileBuilt(campaign, bundle, actor) : null;

    /// <summary>
    /// Every owed bundle, in campaign order. A few are built side by side (reading and compressing are most of a bundle) and
    /// then filed one by one, so each of them anchors to the audit trail as it stood before the few were filed. The chain is
    /// checked once for each few: in full for the first, then only as far as it grew (a year-end of a province files thousands
    /// of bundles, and each checked the whole chain again).
    /// </summary>
    public IReadOnlyList<FiledBundle> FileAllOwed(string actor)
    {
        var filed = new List<FiledBundle>();
        AuditCheckpoint? checkedSoFar = null;
        foreach (var few in store.ArchivesOwed().Chunk(BuiltTogether))
        {
            var from = checkedSoFar = store.CheckAuditTrail(checkedSoFar);
            foreach (var owed in few.AsParallel().AsOrdered().Select(id => BuildOwed(id, from)).ToList())
            {
                if (owed is var (campaign, bundle) && FileBuilt(campaign, bundle, actor) is { } filedNow)
                {
                    filed.Add(filedNow);
                }
            }
        }
        return filed;
    }

    // Enough to keep every core busy between two filings (at the end of each few the cores wait for its slowest build), few
    // enough that the bundles held at once stay small. A province's 2,000 bundles took 15.3 s in fews of 16 a core against
    // 17.3 s in fews of 4 (one run each; the peak RSS of the year 1.17 against 1.20 GB).
    private static int BuiltTogether => 16 * Environment.ProcessorCount;

    private (CampaignRow Campaign, CampaignArchive.Bundle Bundle)? BuildOwed(string campaignId, AuditCheckpoint? checkedSoFar)
    {
        if (!store.ArchiveOwed(campaignId) || store.ArchiveSubject(campaignId) is not (var campaign, { } requestedOn))
        {
            return null;
        }
        var o = options.Value;
        OwnerOnly.CreateFolder(Folder);
        return (campaign, CampaignArchive.Build(store, campaign, requestedOn, o.Resolve(o.Documents), Folder, checkedSoFar));
    }

    private FiledBundle? FileBuilt(CampaignRow campaign, CampaignArchive.Bundle bundle, string actor) =>
        CampaignArchive.File(store, campaign, bundle, Folder, time.GetUtcNow(), actor, onlyIfOwed: true);
}
