using Campaigns.Storage;
using Dapper;

namespace Campaigns.Tests.Storage;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("campaigns-durability-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void StorageOptions_ByDefault_CommitsWaitForTheDisk()
    {
        Synchronous(new StorageOptions().Create(Path.Combine(_folder.FullName, "worker.db"))).ShouldBe(2L, "FULL");
    }

    [Fact]
    public void StorageOptions_NotDurable_CommitsDoNotWait()
    {
        Synchronous(new StorageOptions { Durable = false }.Create(Path.Combine(_folder.FullName, "simulate.db"))).ShouldBe(0L, "OFF");
    }

    [Fact]
    public void Connections_KeepStatementJournalsInMemory()
    {
        // A bulk insert's statement journal went to a temporary file of its own, written page by page, otherwise.
        using var connection = new StorageOptions().Create(Path.Combine(_folder.FullName, "worker.db")).Connect();
        connection.ExecuteScalar<long>("PRAGMA temp_store").ShouldBe(2L, "MEMORY");
    }

    private static long Synchronous(StoreProvider provider)
    {
        using var connection = provider.Connect();
        return connection.ExecuteScalar<long>("PRAGMA synchronous");
    }
}
