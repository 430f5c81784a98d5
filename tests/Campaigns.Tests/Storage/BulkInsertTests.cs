using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Dapper;

namespace Campaigns.Tests.Storage;

/// <summary>BulkInsert's contract on both stores: the tail applies, RETURNING names the rows that went in, in the order given.</summary>
public abstract class BulkInsertTests(TestStore db) : IDisposable
{
    public void Dispose()
    {
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Rows_WithConflictAndReturning_AColumnNullInEveryRow_ReturnsTheNewRowsInOrder()
    {
        db.Open();
        using var provider = db.Provider();
        using var connection = provider.Connect();
        using var transaction = connection.BeginTransaction();
        object?[] Row(string path) => [path, null, new string('a', 64), "2024-04-09"];
        string[] columns = ["path", "campaign_id", "sha256", "written_at"];
        const string Tail = "ON CONFLICT (path) DO NOTHING RETURNING path";
        BulkInsert.Rows<string>(connection, transaction, "documents", columns, [Row("b")], Tail);

        // More rows than one SQLite statement takes, so both stores' chunking is crossed too.
        string[] paths = [.. Enumerable.Range(0, 45).Select(i => $"p{44 - i:D2}"), "b"];
        var returned = BulkInsert.Rows<string>(connection, transaction, "documents", columns, paths.Select(Row), Tail);
        transaction.Commit();

        returned.ShouldBe(paths[..^1]);
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM documents WHERE campaign_id IS NULL").ShouldBe(46);
    }
}

public sealed class BulkInsertOnSqliteTests() : BulkInsertTests(TestStore.Sqlite());

public sealed class BulkInsertOnPostgresTests() : BulkInsertTests(TestStore.Postgres())
{
    [Fact]
    public void Rows_WithATail_EveryColumnNullInEveryRow_RefusedNamingTheTable()
    {
        using var store = TestStore.Postgres();
        store.Open();
        using var provider = store.Provider();
        using var connection = provider.Connect();
        using var transaction = connection.BeginTransaction();

        Should.Throw<ArgumentException>(() => BulkInsert.Rows(connection, transaction, "documents",
            ["path", "campaign_id"], [[null, null]], "ON CONFLICT (path) DO NOTHING")).Message.ShouldContain("documents");
    }
}
