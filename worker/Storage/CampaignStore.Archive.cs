using Dapper;

namespace Campaigns.Storage;

// The ledger of archive bundles: which archived campaigns are owed one, and filing one exactly once.
public sealed partial class CampaignStore
{
    /// <summary>
    /// An archived campaign is owed a bundle until one is filed after its last transition (the one to Archived, a final
    /// state): a bundle filed at once while it was still Reported (`archive --now`) does not record the archiving, so the
    /// worker files the campaign's file again once it is archived. Campaigns whose transitions predate the audit trail
    /// count from its start. The request's date stamps the bundle, and the lifecycle archives nothing without one.
    /// Both lookups walk the (campaign_id, seq) index from the campaign's newest row: the sweep runs this every minute, and
    /// an archived campaign's year of audit rows lies before its last transition.
    /// </summary>
    private const string OwedArchivesSql =
        """
        SELECT c.id FROM campaigns c
        WHERE c.state = 'Archived' AND c.archive_requested_on IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM audit_trail f
            WHERE f.campaign_id = c.id AND f.action = 'archive-filed'
              AND f.seq > COALESCE((SELECT t.seq FROM audit_trail t WHERE t.campaign_id = c.id AND t.action = 'transition' ORDER BY t.seq DESC LIMIT 1), 0))
        """;

    /// <summary>The archived campaigns owed a bundle (see <see cref="OwedArchivesSql"/>), in id order.</summary>
    public IReadOnlyList<string> ArchivesOwed()
    {
        using var connection = Connect();
        return connection.Query<string>(OwedArchivesSql + " ORDER BY c.id").AsList();
    }

    /// <summary>Whether one campaign is owed a bundle (see <see cref="OwedArchivesSql"/>).</summary>
    public bool ArchiveOwed(string campaignId)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<string?>(OwedArchivesSql + " AND c.id = @campaignId", new { campaignId }) is not null;
    }

    /// <summary>The campaign and the date its archive was requested (the bundle's stamp); null for an unknown campaign.</summary>
    public (CampaignRow Campaign, DateOnly? RequestedOn)? ArchiveSubject(string campaignId)
    {
        using var connection = Connect();
        var row = connection.QuerySingleOrDefault<(string Id, string PlanKey, long Year, string State, string UpdatedAt, string? RequestedOn)?>(
            "SELECT id, plan_key, year, state, updated_at, archive_requested_on FROM campaigns WHERE id = @campaignId", new { campaignId });
        return row is { } r ? (new CampaignRow(r.Id, r.PlanKey, r.Year, r.State, r.UpdatedAt), r.RequestedOn is null ? null : Date(r.RequestedOn)) : null;
    }

    /// <summary>
    /// Files a bundle: its manifest's SHA-256 in the hash-chained audit trail (action archive-filed), with the trail head the
    /// bundle recorded. <paramref name="place"/> puts the bundle's file where it belongs; it runs inside the transaction,
    /// after the audit lock, so two filers of one campaign place and record one after the other. With
    /// <paramref name="onlyIfOwed"/> nothing is placed or recorded when the campaign is no longer owed a bundle (another
    /// run of the job filed it meanwhile): null. Returns the filing row's seq.
    /// </summary>
    public long? FileArchive(
        string campaignId, string manifestSha256, string bundle, int files, long? headSeq, bool onlyIfOwed, Action place, DateTimeOffset now, string actor)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        // The audit lock first (PostgreSQL; SQLite's transaction already holds the write lock), so the check and the filing
        // are one step for every filer.
        Run(connection, transaction, _provider.AuditLock);
        if (onlyIfOwed && connection.ExecuteScalar<string?>(OwedArchivesSql + " AND c.id = @campaignId", new { campaignId }, transaction) is null)
        {
            return null;
        }
        place();
        Audit(connection, transaction, now, actor, "archive-filed", campaignId, new { manifestSha256, bundle, files, headSeq });
        var seq = connection.ExecuteScalar<long>("SELECT MAX(seq) FROM audit_trail", transaction: transaction);
        transaction.Commit();
        return seq;
    }
}
