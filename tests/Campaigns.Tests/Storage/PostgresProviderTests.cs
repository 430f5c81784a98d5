using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Dapper;

namespace Campaigns.Tests.Storage;

/// <summary>
/// The store's PostgreSQL connections keep the statements a tick repeats prepared (Npgsql's automatic preparation), unless
/// the operator's connection string says otherwise ("Max Auto Prepare=0", for a pooler that cannot keep them).
/// </summary>
public sealed class PostgresProviderTests : IDisposable
{
    private const string Repeated = "SELECT COUNT(*) FROM documents WHERE campaign_id = @campaign";

    private readonly TestStore _db = TestStore.Postgres();

    public void Dispose() => _db.Dispose();

    /// <summary>Runs one statement as often as a tick of a few plans would, then reads what its connection holds prepared.</summary>
    private static List<string> PreparedAfterRepeating(string connectionString)
    {
        using var provider = new PostgresProvider(connectionString);
        using var connection = provider.Connect();
        for (var i = 0; i < 10; i++)
        {
            connection.ExecuteScalar<long>(Repeated, new { campaign = $"c{i}" });
        }
        return [.. connection.Query<string>("SELECT statement FROM pg_prepared_statements")];
    }

    [Fact]
    public void Connect_AStatementRunTenTimes_IsPreparedOnItsConnection()
    {
        _db.Open();

        PreparedAfterRepeating(_db.Storage.ConnectionString!).ShouldContain(s => s.Contains("FROM documents WHERE campaign_id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("maxautoprepare=0")]
    public void Connect_TheOperatorTurnedItOff_NothingIsPrepared(string setting)
    {
        _db.Open();

        PreparedAfterRepeating($"{_db.Storage.ConnectionString};{setting}").ShouldBeEmpty();
    }
}
