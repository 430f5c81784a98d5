using System.Globalization;
using Campaigns.Core.Draws;
using Dapper;

namespace Campaigns.Storage;

// The seed-commitment ledger: what a campaign committed to, as first seen, so a later plan cannot swap it silently.
public sealed partial class CampaignStore
{
    private const string CommitmentsSql =
        """
        SELECT campaign_id AS CampaignId, sequence AS Sequence, commitment AS Commitment, first_seen_at AS FirstSeenAt, plan_file AS PlanFile,
            plan_sha256 AS PlanSha256, seed_revealed_with_it AS SeedRevealedWithIt, replaces AS Replaces, reason AS Reason, approved_by AS ApprovedBy
        FROM seed_commitments
        """;

    /// <summary>Each campaign's ledger, first commitment first; a campaign never seen with a commitment is absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CommitmentEntry>> Commitments(IReadOnlyCollection<string> campaignIds)
    {
        if (campaignIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<CommitmentEntry>>();
        }
        using var connection = Connect();
        var ids = campaignIds.ToArray();
        return connection.Query<CommitmentRow>($"{CommitmentsSql} WHERE {InList("campaign_id", "ids")} ORDER BY campaign_id, sequence", new { ids })
            .GroupBy(r => r.CampaignId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CommitmentEntry>)[.. g.Select(r => r.Entry)]);
    }

    /// <summary>
    /// Appends <paramref name="entry"/> as the next commitment of <paramref name="campaignId"/>, audited
    /// ("seed-commitment-seen" for the first, "seed-recommitment" for an approved replacement), unless another process
    /// recorded that same commitment first. True when this call recorded it.
    /// </summary>
    public bool RecordCommitment(string campaignId, CommitmentEntry entry, string instance)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var ledger = connection.Query<CommitmentRow>($"{CommitmentsSql} WHERE campaign_id = @campaignId ORDER BY sequence", new { campaignId }, transaction).AsList();
        if (ledger.Count > 0 && string.Equals(ledger[^1].Commitment, entry.Commitment, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var sequence = ledger.Count + 1;
        connection.Execute(
            """
            INSERT INTO seed_commitments (campaign_id, sequence, commitment, first_seen_at, plan_file, plan_sha256, seed_revealed_with_it, replaces, reason, approved_by)
            VALUES (@campaignId, @sequence, @Commitment, @at, @PlanFile, @PlanSha256, @revealed, @Replaces, @Reason, @ApprovedBy)
            """,
            new
            {
                campaignId, sequence, entry.Commitment, at = entry.FirstSeenAt.ToString("O", CultureInfo.InvariantCulture), entry.PlanFile, entry.PlanSha256,
                revealed = entry.SeedRevealedWithIt ? 1 : 0, entry.Replaces, entry.Reason, entry.ApprovedBy,
            },
            transaction);
        Audit(connection, transaction, entry.FirstSeenAt, instance, entry.Replaces is null ? "seed-commitment-seen" : "seed-recommitment", campaignId, new
        {
            sequence,
            entry.Commitment,
            firstSeenAt = entry.FirstSeenAt,
            planFile = entry.PlanFile,
            planSha256 = entry.PlanSha256,
            seedRevealedWithIt = entry.SeedRevealedWithIt,
            entry.Replaces,
            entry.Reason,
            entry.ApprovedBy,
        });
        transaction.Commit();
        return true;
    }

    private sealed record CommitmentRow(
        string CampaignId, long Sequence, string Commitment, string FirstSeenAt, string PlanFile, string PlanSha256, long SeedRevealedWithIt,
        string? Replaces, string? Reason, string? ApprovedBy)
    {
        public CommitmentEntry Entry => new(
            Commitment, DateTimeOffset.Parse(FirstSeenAt, CultureInfo.InvariantCulture), PlanFile, PlanSha256, SeedRevealedWithIt != 0, Replaces, Reason, ApprovedBy);
    }
}
