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
    /// instance) keeps the first acceptance time: true only when the stored version changed.
    /// </summary>
    public bool AcceptPlan(LastGoodPlan version, string instance)
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
        }
        transaction.Commit();
        return changed;
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
        var queued = Enqueue(connection, transaction, messages, now, instance);
        transaction.Commit();
        return queued;
    }
}
