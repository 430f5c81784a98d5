using System.Diagnostics;
using Campaigns.Storage;
using Npgsql;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server for the tests: the one ops/test started (CAMPAIGNS_TEST_POSTGRES holds its connection
/// string), or else a throwaway cluster this test run starts with ops/postgres and stops when it ends. Each caller
/// gets a database of its own. A server that cannot start fails the test, naming the install step: these tests never skip.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (its maintenance database).</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>A new, empty database; its connection string.</summary>
    public static string CreateDatabase() => CreateDatabase(Server.Value);

    /// <summary>A new, empty database on the server at <paramref name="server"/>; its connection string.</summary>
    public static string CreateDatabase(string server)
    {
        var name = "campaigns_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static StorageOptions Storage() => new() { Provider = StorageProviderKind.PostgreSql, ConnectionString = CreateDatabase() };

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("CAMPAIGNS_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }
        // One cluster for every run outside ops/test, reused: the test host is often ended without its exit handlers
        // running, and a cluster per run would be left behind each time. Its old test databases are dropped first.
        var folder = Path.Combine(Path.GetTempPath(), "campaigns-tests-pg-shared");
        var saved = Path.Combine(folder, "connection-string");
        if (File.Exists(saved) && DropTestDatabases(File.ReadAllText(saved).Trim()) is { } running)
        {
            return running;
        }
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var connectionString = Run("start", folder);
        File.WriteAllText(saved, connectionString);
        return connectionString;
    }

    /// <summary>The connection string when that server answers, after dropping the databases earlier runs made; else null.</summary>
    private static string? DropTestDatabases(string connectionString)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            var names = new List<string>();
            using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'campaigns\\_%'", connection))
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }
            foreach (var name in names)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
            return connectionString;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>An empty folder for a cluster of its own.</summary>
    internal static string NewFolder()
    {
        // PostgreSQL runs as the postgres user when the tests run as root: the folder must be searchable by it.
        var folder = Path.Combine(Path.GetTempPath(), "campaigns-tests-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        return folder;
    }

    /// <summary>ops/postgres with these arguments (start DIR [PORT], stop DIR); what it printed.</summary>
    internal static string Run(string action, string folder, params string[] more)
    {
        var script = Repository.Path("ops", "postgres");
        using var process = Process.Start(new ProcessStartInfo(script, [action, folder, .. more])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ops/postgres {action} failed ({process.ExitCode}); install the postgresql package (initdb, pg_ctl): {error}");
        }
        return output.Trim();
    }
}
