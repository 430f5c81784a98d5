using Dapper;

namespace Campaigns.Storage;

public sealed partial class CampaignStore
{
    /// <summary>
    /// The plan's tick version, to be read before its facts and handed back to <see cref="Apply"/>; a plan never
    /// ticked starts at 0.
    /// </summary>
    public long PlanVersion(string planKey)
    {
        using var connection = Connect();
        connection.Execute("INSERT INTO plan_ticks (plan_key, version) VALUES (@planKey, 0) ON CONFLICT (plan_key) DO NOTHING", new { planKey });
        return connection.ExecuteScalar<long>("SELECT version FROM plan_ticks WHERE plan_key = @planKey", new { planKey });
    }

    /// <summary>Every applied tick, oldest first: which instance ticked which plan for which office day.</summary>
    public IReadOnlyList<TickLogEntry> TickLog()
    {
        using var connection = Connect();
        return [.. connection.Query<TickLogEntry>(
            "SELECT plan_key AS PlanKey, version, on_date AS OnDate, instance, recorded_at AS RecordedAt FROM tick_log ORDER BY recorded_at, plan_key, version")];
    }
}
