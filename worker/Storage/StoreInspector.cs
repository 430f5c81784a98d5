using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>
/// Reads a database file read-only: health, metrics and restore must look at a store without creating or migrating it,
/// which <see cref="CampaignStore.Open"/> would do.
/// </summary>
public static class StoreInspector
{
    public static int KnownSchemaVersion => Migrations.Steps.Count;

    public static StoreInspection Inspect(string path)
    {
        if (!File.Exists(path))
        {
            return new StoreInspection(path, null, $"数据库文件不存在：{path}（database file not found）");
        }
        try
        {
            using var connection = OpenReadOnly(path);
            var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
            if (!tables.IsSupersetOf(["schema_version", "campaigns", "deliveries", "flags", "results"]))
            {
                return new StoreInspection(path, null, $"不是 campaigns 数据库：{path}（not a campaigns database: tables missing）");
            }
            var version = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version");
            var due = connection.Query<string>("SELECT next_attempt_at FROM deliveries WHERE state = 'pending'")
                .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture))
                .ToList();
            var flags = connection.Query<(string Kind, long Count)>("SELECT kind, COUNT(*) FROM flags WHERE cleared_on IS NULL GROUP BY kind ORDER BY kind")
                .ToDictionary(f => f.Kind, f => f.Count);
            return new StoreInspection(path, new StoreFacts(
                version,
                KnownSchemaVersion,
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaigns"),
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM results"),
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM deliveries"),
                due,
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM deliveries WHERE state = 'dead'"),
                flags), null);
        }
        catch (SqliteException e)
        {
            // SQLITE_NOTADB (26) is the usual answer for a file that is not SQLite at all.
            return new StoreInspection(path, null, e.SqliteErrorCode == 26
                ? $"不是 SQLite 数据库：{path}（not an SQLite database）"
                : $"无法读取数据库：{path}：{e.Message}（cannot read the database）");
        }
    }

    /// <summary>SQLite's own page-level check ("ok" or the first problems), for a file about to be restored.</summary>
    public static string QuickCheck(string path)
    {
        using var connection = OpenReadOnly(path);
        return string.Join("; ", connection.Query<string>("PRAGMA quick_check"));
    }

    internal static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
