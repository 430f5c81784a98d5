using Campaigns.Storage;
using Npgsql;

namespace Campaigns.Cli;

/// <summary>
/// The PostgreSQL counterpart of <see cref="SqliteStoreCopy"/>: a saved state is a database made from the benchmark's
/// own with CREATE DATABASE ... TEMPLATE, which needs nobody connected to the template, so the store's pool is emptied
/// and stray sessions ended first.
/// </summary>
public sealed class PostgresStoreCopy(string server, string database, PostgresProvider store) : IStoreCopy
{
    /// <summary>Creates (replacing) the benchmark's database on <paramref name="server"/>; its connection string.</summary>
    public static string CreateDatabase(string server, string name)
    {
        Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public void Save(string name) => Copy(Name, $"{Name}_{name}");

    public void Restore(string name) => Copy($"{Name}_{name}", Name);

    private string Name => new NpgsqlConnectionStringBuilder(database).Database!;

    private void Copy(string from, string to)
    {
        store.ClearPool();
        Execute(server,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('{from}', '{to}') AND pid <> pg_backend_pid()",
            $"DROP DATABASE IF EXISTS {to} WITH (FORCE)",
            $"CREATE DATABASE {to} TEMPLATE {from}");
    }

    private static void Execute(string server, params string[] statements)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = new NpgsqlCommand(statement, connection);
            command.ExecuteNonQuery();
        }
    }
}
