using System.Globalization;
using Npgsql;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A PostgreSQL cluster owned by one test, unlike the shared <see cref="PostgresServer"/>: the test can stop it and start
/// it again on the same port, as a database restart under running workers looks to them.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _folder;

    private PostgresCluster(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
        Port = new NpgsqlConnectionStringBuilder(connectionString).Port;
    }

    /// <summary>The maintenance database's connection string.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    public static PostgresCluster Start()
    {
        var folder = PostgresServer.NewFolder();
        try
        {
            return new PostgresCluster(folder, PostgresServer.Run("start", folder));
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public string CreateDatabase() => PostgresServer.CreateDatabase(ConnectionString);

    /// <summary>A fast shutdown: connections are cut, transactions in flight roll back.</summary>
    public void Stop() => PostgresServer.Run("stop", _folder);

    /// <summary>Up again on the same port, so clients holding the old connection string reconnect.</summary>
    public void Restart() => PostgresServer.Run("start", _folder, Port.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
