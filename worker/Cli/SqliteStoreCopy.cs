using Microsoft.Data.Sqlite;

namespace Campaigns.Cli;

/// <summary>
/// Saves the benchmark's SQLite store under a name and puts it back, so a tick that changes the store (the draw, the
/// deadline) can be timed several times from the same state. Pooled connections keep the file open, so the pools are
/// cleared first; closing the last connection folds the WAL into the file.
/// </summary>
public sealed class SqliteStoreCopy(string database) : IStoreCopy
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    public void Save(string name)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in Suffixes.Where(s => File.Exists(database + s)))
        {
            File.Copy(database + suffix, $"{database}.{name}{suffix}", overwrite: true);
        }
    }

    public void Restore(string name)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in Suffixes)
        {
            File.Delete(database + suffix);
            if (File.Exists($"{database}.{name}{suffix}"))
            {
                File.Copy($"{database}.{name}{suffix}", database + suffix);
            }
        }
    }
}
