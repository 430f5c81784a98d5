using Campaigns.Host;
using Campaigns.Storage;
using Microsoft.Extensions.Options;

namespace Campaigns.Cli;

/// <summary>The settings backup, restore and health read: only the database's path, never the store (opening it would create or migrate it).</summary>
internal static class StoreCommandHost
{
    public static (WorkerOptions Options, TimeProvider Time, StorageOptions Storage) Settings()
    {
        using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        return (host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value, host.Services.GetRequiredService<TimeProvider>(),
            host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    /// <summary>The SQLite file backup and restore work on; null, with the reason printed, for a PostgreSQL store (ops/backup runs pg_dump).</summary>
    public static string? SqliteFile(WorkerOptions options, StorageOptions storage)
    {
        if (storage.Provider == StorageProviderKind.Sqlite)
        {
            return options.Resolve(options.Database);
        }
        Console.Error.WriteLine("数据库为 PostgreSQL：请用 ops/backup 备份（pg_dump）、ops/backup --restore 恢复（pg_restore）（this command copies SQLite files only）");
        return null;
    }
}
