using System.Data.Common;
using Npgsql;

namespace Campaigns.Storage;

/// <summary>
/// One PostgreSQL database shared by every worker of a prefecture or province. Transactions are READ COMMITTED;
/// what must not interleave takes a transaction-scoped advisory lock, released by commit, rollback or a dropped
/// connection (a killed worker holds nothing).
/// </summary>
public sealed class PostgresProvider : StoreProvider
{
    // Advisory lock keys: any two constants no other application on the database uses.
    private const long MigrationKey = 0x63616d7061696731; // "campaig1"
    private const long AuditKey = 0x63616d7061696732;

    // Statements Npgsql keeps prepared on each connection, the most used first. A tick repeats a few dozen statements once or
    // more per plan (the version bump, each kind's insert, the key lookup), and parsing and planning each again was some
    // tenth of the server's processor time over bench-tick's year (29.3-32.2 s against 26.4-28.1 s, three pairs).
    private const int AutoPrepared = 64;

    private readonly NpgsqlDataSource _source;

    public PostgresProvider(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        // The operator's own setting wins: "Max Auto Prepare=0" turns it off, for a pooler that cannot keep prepared statements.
        if (!Names(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <summary>
    /// Whether <paramref name="connectionString"/> sets <paramref name="keyword"/> (spaces and case aside). Npgsql's own builder
    /// cannot say: its ContainsKey is true for every keyword it knows, set or not.
    /// </summary>
    private static bool Names(string connectionString, string keyword)
    {
        static string Plain(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(key => Plain(key) == Plain(keyword));
    }

    public override string Description { get; }

    public override bool Shared => true;

    internal override IReadOnlyList<string> Migrations => PostgresMigrations.Steps;

    internal override string MigrationLock => $"SELECT pg_advisory_xact_lock({MigrationKey})";

    internal override string AuditLock => $"SELECT pg_advisory_xact_lock({AuditKey})";

    internal override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    // Npgsql takes the list as one array parameter; Dapper does not expand it into (@p1, @p2, ...) here.
    internal override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    internal override string TablesQuery => "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";

    internal override DbConnection Connect() => _source.OpenConnection();

    /// <summary>Closes the idle pooled connections (a benchmark copies the database, which needs it unused).</summary>
    internal void ClearPool() => _source.Clear();

    public override void Dispose()
    {
        _source.Dispose();
        base.Dispose();
    }
}
