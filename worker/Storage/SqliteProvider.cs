using System.Data.Common;
using Campaigns.Operations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>
/// One database file, one worker process: BEGIN IMMEDIATE (the provider's default transaction) already serialises
/// writers, so the locks <see cref="PostgresProvider"/> needs are empty here.
/// </summary>
public sealed class SqliteProvider : StoreProvider
{
    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <param name="path">The database file.</param>
    /// <param name="durable">False: commits do not wait for the disk (see <see cref="StorageOptions.Durable"/>).</param>
    public SqliteProvider(string path, bool durable = true)
    {
        _path = path;
        // temp_store: a statement that writes several rows (a bulk insert, an update) keeps the pages it changes in a
        // statement journal until it ends, so that a constraint failing half-way undoes only that statement. By default a
        // journal past 64 KiB goes to a new file in the temporary folder, written page by page and deleted when the
        // statement ends: 52 files, 259 MB in 130,790 writes in a 200-campaign bench-tick. In memory it reaches no disk.
        // wal_autocheckpoint: SQLite copies the WAL back into the database file, and syncs it, inside whichever commit leaves
        // the WAL past 1,000 pages (4 MB); a province's draw day, tens of thousands of rows, did so many times. At 16,384
        // pages (64 MB of WAL) the draw day's commits took 1.15-1.58 s against 1.78-1.93 s (three alternating
        // bench-tick runs). Each commit still waits for the disk as before.
        _pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384;"
            + (durable ? "" : " PRAGMA synchronous = OFF;");
        // Pooled: opening a connection per operation without a pool cost about 8 ms each (a year of simulate with results
        // missing took 15.4 s, 7.7 s pooled). A pooled connection keeps the file open, as a running worker does anyway.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }

    public override string Description => $"SQLite {_path}";

    public override bool Shared => false;

    internal override IReadOnlyList<string> Migrations => SqliteMigrations.Steps;

    internal override string MigrationLock => "";

    internal override string AuditLock => "";

    internal override string SkipLocked => "";

    // SQLite's planner, with no statistics, takes deliveries_pending (state, next_attempt_at) for the claim's WHERE and
    // then sorts every pending row, bodies and all, to find the oldest 200: 6-19 ms a claim with 5,000 pending, under 1 ms
    // through the partial index in id order, which stops at the 200th.
    internal override string PendingByAge => "INDEXED BY deliveries_due";

    internal override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(_pragmas);
        return connection;
    }

    public string Path => _path;

    internal override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    internal override string TablesQuery => "SELECT name FROM sqlite_master WHERE type = 'table'";

    internal override string Setup => "PRAGMA journal_mode = WAL";

    internal override DbConnection ConnectReadOnly()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The folder and the file, owner-only whatever the umask: the store holds inspectors' names and contacts.</summary>
    internal override void Create()
    {
        OwnerOnly.CreateFolderOf(_path);
        OwnerOnly.Touch(_path);
        OwnerOnly.Restrict(_path + "-wal");
        OwnerOnly.Restrict(_path + "-shm");
    }
}
