using System.Globalization;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>
/// Reads a store read-only: health, metrics and restore must look at a store without creating or migrating it,
/// which <see cref="CampaignStore.Open(StoreProvider, TimeProvider?)"/> would do.
/// </summary>
public static class StoreInspector
{
    public static int KnownSchemaVersion => SqliteMigrations.Steps.Count;

    public static StoreInspection Inspect(string path) => Inspect(new SqliteProvider(path));

    public static StoreInspection Inspect(StoreProvider provider)
    {
        var file = (provider as SqliteProvider)?.Path;
        var name = file ?? provider.Description;
        if (file is not null && !File.Exists(file))
        {
            return new StoreInspection(name, null, $"数据库文件不存在：{file}（database file not found）");
        }
        try
        {
            using var connection = provider.ConnectReadOnly();
            var tables = connection.Query<string>(provider.TablesQuery).ToHashSet();
            if (!tables.IsSupersetOf(["schema_version", "campaigns", "deliveries", "flags", "results"]))
            {
                return new StoreInspection(name, null, $"不是 campaigns 数据库：{name}（not a campaigns database: tables missing）");
            }
            var version = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version");
            var due = connection.Query<string>("SELECT next_attempt_at FROM deliveries WHERE state = 'pending'")
                .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture))
                .ToList();
            var flags = connection.Query<(string Kind, long Count)>("SELECT kind, COUNT(*) FROM flags WHERE cleared_on IS NULL GROUP BY kind ORDER BY kind")
                .ToDictionary(f => f.Kind, f => f.Count);
            return new StoreInspection(name, new StoreFacts(
                version,
                KnownSchemaVersion,
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaigns"),
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM results"),
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM deliveries"),
                due,
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM deliveries WHERE state = 'dead'"),
                flags,
                tables.Contains("qrtz_scheduler_state")
                    ? [.. connection.Query<SchedulerCheckin>(
                        "SELECT instance_name AS Instance, last_checkin_time AS LastCheckinTicks, checkin_interval AS CheckinIntervalMilliseconds FROM qrtz_scheduler_state ORDER BY instance_name")]
                    : null), null);
        }
        catch (SqliteException e)
        {
            // SQLITE_NOTADB (26) is the usual answer for a file that is not SQLite at all.
            return new StoreInspection(name, null, e.SqliteErrorCode == 26
                ? $"不是 SQLite 数据库：{name}（not an SQLite database）"
                : $"无法读取数据库：{name}：{e.Message}（cannot read the database）");
        }
        catch (DbException e)
        {
            return new StoreInspection(name, null, $"无法连接数据库：{name}：{e.Message}（cannot reach the database）");
        }
    }

    /// <summary>
    /// The store's record of <paramref name="campaignId"/>'s archive filings and the hash at <paramref name="headSeq"/>,
    /// read-only: `archive verify` must not create or migrate a store to check a bundle against it.
    /// </summary>
    public static ArchiveRecord ArchiveRecordOf(StoreProvider provider, string campaignId, long? headSeq)
    {
        var file = (provider as SqliteProvider)?.Path;
        if (file is not null && !File.Exists(file))
        {
            return ArchiveRecord.None($"数据库文件不存在：{file}");
        }
        try
        {
            using var connection = provider.ConnectReadOnly();
            if (!connection.Query<string>(provider.TablesQuery).Contains("audit_trail"))
            {
                return ArchiveRecord.None($"{provider.Description} 中没有审计记录");
            }
            var filings = connection.Query<(long Seq, string Detail)>(
                    "SELECT seq, detail_json FROM audit_trail WHERE action = 'archive-filed' AND campaign_id = @campaignId ORDER BY seq", new { campaignId })
                .Select(r => (r.Seq, System.Text.Json.JsonDocument.Parse(r.Detail).RootElement.GetProperty("manifestSha256").GetString() ?? ""))
                .ToList();
            var hash = headSeq is null ? null : connection.QuerySingleOrDefault<string>("SELECT hash FROM audit_trail WHERE seq = @headSeq", new { headSeq });
            return new ArchiveRecord(filings, hash, AuditTrail.Verify(connection), null);
        }
        catch (DbException e)
        {
            return ArchiveRecord.None($"无法读取数据库：{provider.Description}：{e.Message}");
        }
    }

    /// <summary>SQLite's own page-level check ("ok" or the first problems), for a file about to be restored.</summary>
    public static string QuickCheck(string path)
    {
        using var connection = OpenReadOnly(path);
        return string.Join("; ", connection.Query<string>("PRAGMA quick_check"));
    }

    internal static SqliteConnection OpenReadOnly(string path) => (SqliteConnection)new SqliteProvider(path).ConnectReadOnly();
}
