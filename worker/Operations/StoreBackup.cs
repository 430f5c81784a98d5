using Campaigns.Storage;
using Microsoft.Data.Sqlite;

namespace Campaigns.Operations;

/// <summary>
/// Backup and restore of the SQLite store. Both copy through SQLite's online backup API, which reads a consistent
/// snapshot while the worker writes (a file copy could catch a half-applied transaction or miss the WAL), and both
/// write beside the target and rename over it, so a crash leaves either the old file or the whole new one.
/// </summary>
public static class StoreBackup
{
    public static CopyOutcome Backup(string database, string target)
    {
        var source = StoreInspector.Inspect(database);
        if (source.Facts is null)
        {
            return CopyOutcome.Refused(source.Problem!);
        }
        OwnerOnly.CreateFolderOf(target);
        var partial = target + ".partial";
        Copy(database, partial);
        var copy = StoreInspector.Inspect(partial);
        if (copy.Facts is null)
        {
            File.Delete(partial);
            return CopyOutcome.Refused(copy.Problem!);
        }
        File.Move(partial, target, overwrite: true);
        return new CopyOutcome(copy.Facts, null);
    }

    /// <summary>
    /// Puts a backup in place of the database. Refuses a file that is not a campaigns database, fails SQLite's check, has
    /// a newer schema than this worker (which would then refuse to start), a schema other than the migrations make, or a
    /// broken audit chain (<see cref="StoreIntegrity"/>). The replaced database is kept beside as
    /// <c>.before-restore-{now, UTC}</c>, one per restore. The worker must be stopped: it holds no lock between
    /// operations, so this cannot tell.
    /// </summary>
    public static CopyOutcome Restore(string backup, string database, DateTimeOffset now)
    {
        var source = StoreInspector.Inspect(backup);
        if (source.Facts is null)
        {
            return CopyOutcome.Refused(source.Problem!);
        }
        if (source.IsNewerThanWorker)
        {
            return CopyOutcome.Refused(
                $"备份的数据库结构版本 {source.Facts.SchemaVersion} 高于本程序支持的 {source.Facts.KnownSchemaVersion}，请先升级程序"
                + $"（the backup's schema {source.Facts.SchemaVersion} is newer than this worker's {source.Facts.KnownSchemaVersion}）");
        }
        var check = StoreInspector.QuickCheck(backup);
        if (check != "ok")
        {
            return CopyOutcome.Refused($"备份文件已损坏：{check}（the backup fails SQLite's quick_check）");
        }
        OwnerOnly.CreateFolderOf(database);
        var partial = database + ".restore";
        Copy(backup, partial);
        // Checked on the copy, the very file that takes the database's place.
        if (StoreIntegrity.Problem(partial, source.Facts.SchemaVersion) is { } problem)
        {
            File.Delete(partial);
            return CopyOutcome.Refused(problem);
        }
        string? kept = null;
        if (File.Exists(database))
        {
            if (!Quiesce(database))
            {
                File.Delete(partial);
                return CopyOutcome.Refused("数据库正在使用，请先停止 worker（systemctl stop campaigns）（the database is in use: stop the worker first）");
            }
            kept = KeptName(database, now);
            File.Replace(partial, database, kept);
        }
        else
        {
            File.Move(partial, database);
        }
        // A write-ahead log left beside the name belongs to the old file; SQLite would replay it into the restored one.
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        return new CopyOutcome(StoreInspector.Inspect(database).Facts, null, kept);
    }

    /// <summary>A name no earlier restore used, so every replaced database stays until someone removes it.</summary>
    private static string KeptName(string database, DateTimeOffset now)
    {
        var stem = $"{database}.before-restore-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        var name = stem;
        for (var n = 2; File.Exists(name); n++)
        {
            name = $"{stem}-{n}";
        }
        return name;
    }

    /// <summary>
    /// Copies page by page into a fresh file and turns it into a self-contained rollback-journal database, so the copy
    /// is one file with no -wal beside it (the worker switches it back to WAL when it opens it).
    /// </summary>
    private static void Copy(string from, string to)
    {
        File.Delete(to);
        OwnerOnly.Touch(to);
        using (var source = StoreInspector.OpenReadOnly(from))
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = to, Pooling = false }.ToString()))
        {
            target.Open();
            source.BackupDatabase(target);
            using var command = target.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Folds the live database's WAL into the file and leaves rollback mode; SQLite refuses while another connection is open.</summary>
    private static bool Quiesce(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        try
        {
            // The checkpoint's first column is 1 when another connection kept it from finishing.
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }
            command.CommandText = "PRAGMA journal_mode = DELETE";
            return (command.ExecuteScalar() as string) is "delete";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            return false;
        }
    }
}
