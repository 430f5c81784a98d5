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
    public static string CreateDatabase()
    {
        var name = "campaigns_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(Server.Value))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ToString();
    }

    public static StorageOptions Storage() => new() { Provider = StorageProviderKind.PostgreSql, ConnectionString = CreateDatabase() };

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("CAMPAIGNS_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }
        // PostgreSQL runs as the postgres user when the tests run as root: the folder must be searchable by it.
        var folder = Path.Combine(Path.GetTempPath(), "campaigns-tests-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var connectionString = Run("start", folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run("stop", folder);
            Directory.Delete(folder, recursive: true);
        };
        return connectionString;
    }

    private static string Run(string action, string folder)
    {
        var script = Repository.Path("ops", "postgres");
        using var process = Process.Start(new ProcessStartInfo(script, [action, folder])
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
