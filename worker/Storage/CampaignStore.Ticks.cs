using System.Data.Common;
using Dapper;

namespace Campaigns.Storage;

public sealed partial class CampaignStore
{
    /// <summary>
    /// The plan's tick version, to be read before its facts and handed back to Apply; a plan never
    /// ticked starts at 0.
    /// </summary>
    public long PlanVersion(string planKey)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long>(PlanVersionSql, new { planKey });
    }

    // A plan never applied has no row yet: version 0, and its first Apply inserts the row (see BumpVersion).
    private const string PlanVersionSql = "SELECT COALESCE((SELECT version FROM plan_ticks WHERE plan_key = @planKey), 0)";

    /// <summary>
    /// Moves the plan from <paramref name="version"/> to the next, in the caller's transaction; false when another tick
    /// moved it first. Two first ticks racing both find no row: the unique key lets one insert it, the other gets false.
    /// </summary>
    private static bool BumpVersion(DbConnection connection, DbTransaction transaction, string planKey, long version) =>
        connection.Execute("UPDATE plan_ticks SET version = version + 1 WHERE plan_key = @planKey AND version = @version", new { planKey, version }, transaction) == 1
        || (version == 0 && connection.Execute(
            "INSERT INTO plan_ticks (plan_key, version) VALUES (@planKey, 1) ON CONFLICT (plan_key) DO NOTHING", new { planKey }, transaction) == 1);

    /// <summary>Every applied tick, oldest first: which instance ticked which plan for which office day.</summary>
    public IReadOnlyList<TickLogEntry> TickLog()
    {
        using var connection = Connect();
        return [.. connection.Query<TickLogEntry>(
            "SELECT plan_key AS PlanKey, version, on_date AS OnDate, instance, recorded_at AS RecordedAt FROM tick_log ORDER BY recorded_at, plan_key, version")];
    }
}
