using Campaigns.Host;
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
    public FiledBundle? FileOwed(string campaignId, string actor) => FileOwed(campaignId, actor, null);

    /// <summary>
    /// Every owed bundle, in campaign order. The audit chain is checked in full for the first and then only as far as it grew:
    /// a year-end of a province files thousands of bundles, and each checked the whole chain again.
    /// </summary>
    public IReadOnlyList<FiledBundle> FileAllOwed(string actor)
    {
        var filed = new List<FiledBundle>();
        AuditCheckpoint? checkedSoFar = null;
        foreach (var id in store.ArchivesOwed())
        {
            if (FileOwed(id, actor, checkedSoFar) is { } bundle)
            {
                filed.Add(bundle);
                checkedSoFar = bundle.Bundle.AuditChecked;
            }
        }
        return filed;
    }

    private FiledBundle? FileOwed(string campaignId, string actor, AuditCheckpoint? checkedSoFar)
    {
        if (!store.ArchiveOwed(campaignId) || store.ArchiveSubject(campaignId) is not (var campaign, { } requestedOn))
        {
            return null;
        }
        var o = options.Value;
        return CampaignArchive.Write(store, campaign, requestedOn, o.Resolve(o.Documents), Folder, time.GetUtcNow(), actor, onlyIfOwed: true, checkedSoFar);
    }
}
