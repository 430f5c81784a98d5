using System.Globalization;
using Dapper;

namespace Campaigns.Storage;

// Plain SQL that SQLite and PostgreSQL both run: ON CONFLICT upserts, instants as ISO 8601 text; audit rows through Audit, which
// takes the provider's audit lock.
public sealed partial class CampaignStore
{
    /// <summary>The last good version of <paramref name="planFile"/> any process accepted, or null when none ever parsed.</summary>
    public LastGoodPlan? LastGoodPlan(string planFile)
    {
        using var connection = Connect();
        var row = connection.QuerySingleOrDefault<(string PlanFile, string YamlText, string Sha256, string AcceptedAt)?>(
            "SELECT plan_file, yaml_text, sha256, accepted_at FROM last_good_plans WHERE plan_file = @planFile", new { planFile });
        return row is { } r
            ? new LastGoodPlan(r.PlanFile, r.YamlText, r.Sha256, DateTimeOffset.Parse(r.AcceptedAt, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The plan key (year:office) each of <paramref name="ids"/> that the store holds a campaign for was created under.</summary>
    public IReadOnlyDictionary<string, string> CampaignPlanKeys(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        using var connection = Connect();
        return connection.Query<(string Id, string PlanKey)>($"SELECT id, plan_key FROM campaigns WHERE {InList("id", "ids")}", new { ids = ids.ToArray() })
            .ToDictionary(r => r.Id, r => r.PlanKey, StringComparer.Ordinal);
    }

    /// <summary>The id and state of every campaign the store holds under <paramref name="planKey"/> (year:office).</summary>
    public IReadOnlyList<(string Id, string State)> CampaignsOf(string planKey)
    {
        using var connection = Connect();
        return [.. connection.Query<(string Id, string State)>("SELECT id, state FROM campaigns WHERE plan_key = @planKey ORDER BY id", new { planKey })];
    }

    /// <summary>
    /// Records <paramref name="version"/> as its file's last good plan. The same text accepted again (the next tick, another
    /// instance) keeps the first acceptance time: true only when the stored version changed. <paramref name="itemChange"/>, the
    /// change of a published plan's check-item list against the version this one replaces (004 §8), is recorded in the same
    /// transaction, so a change is recorded once, by whichever instance accepted the version.
    /// </summary>
    public bool AcceptPlan(LastGoodPlan version, string instance, PendingCheckItemChange? itemChange = null)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute(
            """
            INSERT INTO last_good_plans (plan_file, yaml_text, sha256, accepted_at) VALUES (@PlanFile, @YamlText, @Sha256, @at)
            ON CONFLICT (plan_file) DO UPDATE SET yaml_text = excluded.yaml_text, sha256 = excluded.sha256, accepted_at = excluded.accepted_at
            WHERE last_good_plans.sha256 <> excluded.sha256
            """,
            new { version.PlanFile, version.YamlText, version.Sha256, at = version.AcceptedAt.ToString("O", CultureInfo.InvariantCulture) },
            transaction) == 1;
        if (changed)
        {
            // Which plan was in force when is part of the record an archive carries.
            Audit(connection, transaction, version.AcceptedAt, instance, "plan-accepted", null, new { file = version.PlanFile, sha256 = version.Sha256 });
            if (itemChange is { } change)
            {
                // Numbered under the audit lock Audit has just taken, so two instances accepting two files cannot share a number.
                var sequence = connection.ExecuteScalar<long>("SELECT COALESCE(MAX(sequence), 0) + 1 FROM check_item_changes", transaction: transaction);
                connection.Execute(
                    """
                    INSERT INTO check_item_changes (sequence, plan_key, plan_file, changed_on, plan_sha256, previous_sha256, change_json, document_path, recorded_at)
                    VALUES (@sequence, @planKey, @PlanFile, @on, @Sha256, @PreviousSha256, @json, @path, @at)
                    """,
                    new
                    {
                        sequence, planKey = change.Plan.Key, version.PlanFile, on = change.ChangedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), version.Sha256,
                        change.PreviousSha256, json = System.Text.Json.JsonSerializer.Serialize(change.Change, Json),
                        path = Core.Engine.CheckItemChanges.DocumentPath(change.Plan, sequence), at = version.AcceptedAt.ToString("O", CultureInfo.InvariantCulture),
                    },
                    transaction);
                Audit(connection, transaction, version.AcceptedAt, instance, "check-items-changed", null,
                    new { sequence, planKey = change.Plan.Key, file = version.PlanFile, change.ChangedOn, change.Change });
            }
        }
        transaction.Commit();
        return changed;
    }

    /// <summary>
    /// Records where and when the office made check-item change <paramref name="sequence"/> public (004 §8); a second
    /// confirmation changes nothing. False when there is no such change or it was confirmed before. Audited with the actor given.
    /// </summary>
    public bool ConfirmCheckItemChange(long sequence, Core.Engine.Publication publication, DateTimeOffset now, string actor = "cli:publish-check-items")
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var recorded = connection.Execute(
            "UPDATE check_item_changes SET published_url = @Url, published_on = @on WHERE sequence = @sequence AND published_on IS NULL",
            new { publication.Url, on = publication.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sequence }, transaction) == 1;
        if (recorded)
        {
            Audit(connection, transaction, now, actor, "check-items-published", null, new { sequence, publication.Url, publication.On });
        }
        transaction.Commit();
        return recorded;
    }

    /// <summary>Every recorded check-item change: its number, plan key, day, and publication if confirmed.</summary>
    public IReadOnlyList<(long Sequence, string PlanKey, string ChangedOn, string? PublishedUrl, string? PublishedOn)> CheckItemChangeRows()
    {
        using var connection = Connect();
        return connection.Query<(long, string, string, string?, string?)>(
            "SELECT sequence, plan_key, changed_on, published_url, published_on FROM check_item_changes ORDER BY sequence").AsList();
    }

    /// <summary>
    /// Queues messages that belong to no tick (a broken plan file's notice), in one transaction. A key already in the outbox
    /// is left alone, so any number of ticks, restarts or instances queue each message once. Returns those newly queued.
    /// </summary>
    public IReadOnlyList<OutboxMessage> Queue(IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, string instance)
    {
        if (messages.Count == 0)
        {
            return [];
        }
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var queued = Enqueue(connection, transaction, messages, null, now, instance);
        transaction.Commit();
        return queued;
    }
}
