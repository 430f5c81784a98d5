using System.Globalization;
using Dapper;

namespace Campaigns.Storage;

// What the web console reads and records beyond the CLI's own: revocations of personal links, one campaign's mail and documents.
public sealed partial class CampaignStore
{
    /// <summary>
    /// Revokes every console link and session issued to <paramref name="recipientKey"/> before <paramref name="now"/>;
    /// mail written afterwards carries links that work. Audited with who revoked.
    /// </summary>
    public void RevokeConsoleLinks(string recipientKey, DateTimeOffset now, string actor)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            INSERT INTO console_revocations (recipient_key, revoked_before, revoked_by) VALUES (@recipientKey, @at, @actor)
            ON CONFLICT (recipient_key) DO UPDATE SET revoked_before = excluded.revoked_before, revoked_by = excluded.revoked_by
            """,
            new { recipientKey, at = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), actor }, transaction);
        Audit(connection, transaction, now, actor, "console-links-revoked", null, new { recipientKey });
        transaction.Commit();
    }

    /// <summary>The instant before which the recipient's links and sessions no longer count; null when never revoked.</summary>
    public DateTimeOffset? ConsoleRevokedBefore(string recipientKey)
    {
        using var connection = Connect();
        var text = connection.QuerySingleOrDefault<string?>(
            "SELECT revoked_before FROM console_revocations WHERE recipient_key = @recipientKey", new { recipientKey });
        return text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>Every message owed for one campaign, oldest first: who was mailed what and when.</summary>
    public IReadOnlyList<DeliveryRow> DeliveriesOf(string campaignId)
    {
        using var connection = Connect();
        return [.. connection.Query<DeliveryRow>(
            """
            SELECT id, idempotency_key AS IdempotencyKey, kind, campaign_id AS CampaignId, recipient_email AS RecipientEmail, subject, state,
                   attempts, created_at AS CreatedAt, sent_at AS SentAt, last_error AS LastError
            FROM deliveries WHERE campaign_id = @campaignId ORDER BY id
            """,
            new { campaignId })];
    }

    /// <summary>The documents written for one campaign: their paths under the documents folder, in path order.</summary>
    public IReadOnlyList<string> DocumentsOf(string campaignId)
    {
        using var connection = Connect();
        return [.. connection.Query<string>("SELECT path FROM documents WHERE campaign_id = @campaignId ORDER BY path", new { campaignId })];
    }
}
