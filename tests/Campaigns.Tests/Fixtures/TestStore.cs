using Campaigns.Storage;
using Dapper;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// An empty store on one provider, for suites that run on both: a SQLite file in a temp folder, or a fresh database
/// on the test PostgreSQL server (<see cref="PostgresServer"/>).
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly TempFolder _dir = new();

    private TestStore(StorageOptions storage) => Storage = storage;

    public static TestStore Sqlite() => new(new StorageOptions { Provider = StorageProviderKind.Sqlite });

    public static TestStore Postgres() => new(PostgresServer.Storage());

    public StorageOptions Storage { get; }

    /// <summary>Campaigns:Database, used when the provider is SQLite.</summary>
    public string SqliteFile => _dir.File("campaigns.db");

    /// <summary>The settings that point a host at this store.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:Provider", Storage.Provider.ToString()),
        new("Storage:ConnectionString", Storage.ConnectionString),
        new("Campaigns:Database", SqliteFile),
    ];

    public StoreProvider Provider() => Storage.Create(SqliteFile);

    public CampaignStore Open(TimeProvider? time = null) => CampaignStore.Open(Provider(), time);

    /// <summary>Runs SQL around the store, as someone with a database console would.</summary>
    public void Execute(string sql)
    {
        using var provider = Provider();
        using var connection = provider.Connect();
        connection.Execute(sql);
    }

    /// <summary>Reads one value around the store.</summary>
    public T Scalar<T>(string sql)
    {
        using var provider = Provider();
        using var connection = provider.Connect();
        return connection.ExecuteScalar<T>(sql)!;
    }

    public void Dispose() => _dir.Dispose();
}
