using System.Data.Common;
using Dapper;
using Npgsql;

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

    // A plan never applied has no row yet: version 0, and its first Apply inserts the row (see Advance).
    private const string PlanVersionSql = "SELECT COALESCE((SELECT version FROM plan_ticks WHERE plan_key = @planKey), 0)";

    /// <summary>
    /// Moves the plan from <paramref name="version"/> to the next and logs the tick (tick_log), in the caller's transaction;
    /// false, logging nothing, when another tick moved it first. Two first ticks racing both find no row: the unique key
    /// lets one insert it, the other gets false.
    /// </summary>
    private static bool Advance(DbConnection connection, DbTransaction transaction, string planKey, long version, string on, string instance, string at)
    {
        var tick = new { planKey, version, next = version + 1, on, instance, at };
        const string Log = "INSERT INTO tick_log (plan_key, version, on_date, instance, recorded_at) VALUES (@planKey, @next, @on, @instance, @at)";
        if (connection is NpgsqlConnection)
        {
            // The move and its log row in one statement: a round trip less for each of a province's plans on every tick
            // that changes anything.
            if (connection.Execute(
                """
                WITH moved AS (UPDATE plan_ticks SET version = version + 1 WHERE plan_key = @planKey AND version = @version RETURNING version)
                INSERT INTO tick_log (plan_key, version, on_date, instance, recorded_at) SELECT @planKey, version, @on, @instance, @at FROM moved
                """, tick, transaction) == 1)
            {
                return true;
            }
        }
        else if (connection.Execute("UPDATE plan_ticks SET version = version + 1 WHERE plan_key = @planKey AND version = @version", tick, transaction) == 1)
        {
            connection.Execute(Log, tick, transaction);
            return true;
        }
        if (version == 0 && connection.Execute(
            "INSERT INTO plan_ticks (plan_key, version) VALUES (@planKey, 1) ON CONFLICT (plan_key) DO NOTHING", tick, transaction) == 1)
        {
            connection.Execute(Log, tick, transaction);
            return true;
        }
        return false;
    }

    /// <summary>Every applied tick, oldest first: which instance ticked which plan for which office day.</summary>
    public IReadOnlyList<TickLogEntry> TickLog()
    {
        using var connection = Connect();
        return [.. connection.Query<TickLogEntry>(
            "SELECT plan_key AS PlanKey, version, on_date AS OnDate, instance, recorded_at AS RecordedAt FROM tick_log ORDER BY recorded_at, plan_key, version")];
    }
}
