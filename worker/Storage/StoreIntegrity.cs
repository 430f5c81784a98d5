using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>
/// What a file must hold before it may become the store (restore): exactly the schema this worker's migrations make at
/// the file's schema version, and an unbroken audit chain. A table, index, trigger or view added, dropped or changed
/// would run inside the worker (a dropped append-only trigger lets history be rewritten; an added trigger can rewrite
/// every recipient as deliveries are written), and a broken chain means the history was edited.
/// </summary>
public static class StoreIntegrity
{
    /// <summary>Null when the file passes; otherwise why not, in Chinese for the admin with the English in brackets.</summary>
    public static string? Problem(string path, int version)
    {
        using var connection = StoreInspector.OpenReadOnly(path);
        var actual = Schema(connection);
        var expected = Expected(version);
        var differing = actual.Except(expected).Concat(expected.Except(actual))
            .Select(o => $"{o.Type} {o.Name}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differing.Count > 0)
        {
            return $"备份的数据库结构与本程序第 {version} 版迁移建立的结构不一致（{string.Join("、", differing)}），可能被改动过"
                + $"（the backup's schema differs from what the migrations make: {string.Join(", ", differing)}）";
        }
        var versions = connection.Query<int>("SELECT version FROM schema_version ORDER BY version").AsList();
        if (!versions.SequenceEqual(Enumerable.Range(1, version)))
        {
            return $"备份的结构版本记录不完整（{string.Join(",", versions)}）（the backup's schema_version rows are not 1..{version}）";
        }
        if (actual.Any(o => o is { Type: "table", Name: "audit_trail" }) && AuditTrail.Verify(connection) is { } seq)
        {
            return $"备份的审计记录在第 {seq} 条处对不上（记录被修改或删除），可能被改动过（the audit chain breaks at seq {seq}: a row was edited or removed）";
        }
        return null;
    }

    /// <summary>Every schema object but SQLite's statistics tables, which ANALYZE may add to any database.</summary>
    private static HashSet<SchemaObject> Schema(SqliteConnection connection) =>
        [.. connection.Query<SchemaObject>("SELECT type AS Type, name AS Name, tbl_name AS TableName, sql AS Sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'")];

    /// <summary>The schema a store opened by this worker has at <paramref name="version"/>, built in memory the way <see cref="CampaignStore"/> migrates.</summary>
    private static HashSet<SchemaObject> Expected(int version)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)");
        foreach (var step in SqliteMigrations.Steps.Take(version))
        {
            connection.Execute(step);
        }
        return Schema(connection);
    }

    internal sealed record SchemaObject(string Type, string Name, string TableName, string? Sql);
}
