namespace Campaigns.Storage;

/// <summary>
/// Section "Storage": which store the worker keeps its state in. The one switch selects the domain store and Quartz's
/// job store together (SQLite: Quartz in memory, one process; PostgreSQL: Quartz's clustered store in the same database).
/// Environment variables override it like any setting: Storage__Provider, Storage__ConnectionString.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProviderKind Provider { get; set; } = StorageProviderKind.Sqlite;

    /// <summary>An Npgsql connection string for PostgreSQL. SQLite uses the file at Campaigns:Database instead.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// False: SQLite commits without waiting for the disk (<c>synchronous = OFF</c>), so a power cut may lose the last
    /// commits or damage the file. Only for a store that is thrown away after the run: simulate's own file under --out,
    /// which commits thousands of times a simulated year. The worker's store keeps the default.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>The store these settings name; <paramref name="sqlitePath"/> is Campaigns:Database, resolved.</summary>
    public StoreProvider Create(string sqlitePath) => Provider switch
    {
        StorageProviderKind.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString) =>
            throw new InvalidOperationException("Storage:Provider is PostgreSql but Storage:ConnectionString is empty; set it (or Storage__ConnectionString)."),
        StorageProviderKind.PostgreSql => new PostgresProvider(ConnectionString!),
        _ => new SqliteProvider(sqlitePath, Durable),
    };
}
