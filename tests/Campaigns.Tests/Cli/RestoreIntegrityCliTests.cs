using System.Security.Cryptography;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Campaigns.Tests.Cli;

/// <summary>`restore` lets in only a store this worker's migrations made, with its audit chain whole; and keeps every replaced file.</summary>
/// <summary>A good backup of a simulated spring (a draw, its mail, an audit trail of some hundred rows), made once for the restore tests.</summary>
public sealed class SimulatedBackup : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Path => _folder.File("good.db");

    public async Task InitializeAsync()
    {
        var simulate = await CliProcess.SimulateSample("2026-03-15", "2026-04-20", _folder.File("sim"), "--results", "on-time");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        var saved = await CliProcess.Run(new Dictionary<string, string> { ["Campaigns__Database"] = _folder.File("sim", "campaigns.db") }, "backup", "--out", Path);
        saved.ExitCode.ShouldBe(0, saved.Error);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public class RestoreIntegrityCliTests(SimulatedBackup good) : IClassFixture<SimulatedBackup>, IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static Dictionary<string, string> Using(string database) => new()
    {
        ["Campaigns__Database"] = database,
        ["Campaigns__Plans"] = "config/plans/2026.yaml",
        // The rehearsal clock: the kept files are named from the worker's time, not the machine's.
        ["Campaigns__ClockStart"] = "2026-07-06T10:30:00+08:00",
        ["Campaigns__ClockOrigin"] = "2026-01-01T00:00:00Z",
        ["Campaigns__ClockSpeed"] = "0.000001",
    };

    /// <summary>The shared good backup, copied so no test changes another's.</summary>
    private string Backup()
    {
        var copy = _dir.File("good.db");
        File.Copy(good.Path, copy);
        return copy;
    }

    /// <summary>A copy of <paramref name="backup"/> changed by <paramref name="sql"/>, as someone with the file and sqlite3 would.</summary>
    private string Crafted(string backup, string name, string sql)
    {
        var path = _dir.File(name + ".db");
        File.Copy(backup, path);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return path;
    }

    public static TheoryData<string, string, string> Crafts => new()
    {
        {
            "audit-edited",
            """
            DROP TRIGGER audit_trail_no_update;
            UPDATE audit_trail SET actor = actor || ' (edited)' WHERE seq = 3;
            CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
            """,
            "审计记录在第 3 条处对不上"
        },
        {
            "audit-row-deleted",
            """
            DROP TRIGGER audit_trail_no_delete;
            DELETE FROM audit_trail WHERE seq = 5;
            CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
            """,
            "审计记录在第 6 条处对不上"
        },
        {
            "append-only-dropped",
            "DROP TRIGGER audit_trail_no_update; DROP TRIGGER audit_trail_no_delete;",
            "trigger audit_trail_no_delete、trigger audit_trail_no_update"
        },
        {
            "recipients-rewritten",
            "CREATE TRIGGER steal AFTER INSERT ON deliveries BEGIN UPDATE deliveries SET recipient_email = 'x@attacker.example' WHERE id = NEW.id; END;",
            "trigger steal"
        },
        {
            "index-dropped",
            "DROP INDEX deliveries_pending;",
            "index deliveries_pending"
        },
        {
            "view-added",
            "CREATE VIEW v AS SELECT recipient_email FROM deliveries;",
            "view v"
        },
    };

    [Theory]
    [MemberData(nameof(Crafts))]
    public async Task Restore_CraftedBackup_RefusedExitOne_StoreUnchanged(string name, string sql, string named)
    {
        var backup = Backup();
        var crafted = Crafted(backup, name, sql);
        var target = _dir.File("live", "campaigns.db");
        CampaignStore.Open(target).Campaigns().ShouldBeEmpty();
        SqliteConnection.ClearAllPools();
        var before = SHA256.HashData(File.ReadAllBytes(target));

        var result = await CliProcess.Run(Using(target), "restore", "--from", crafted);

        result.ExitCode.ShouldBe(1, result.Out);
        result.Error.ShouldContain("未恢复，数据库未改动");
        result.Error.ShouldContain(named);
        SHA256.HashData(File.ReadAllBytes(target)).ShouldBe(before);
        Directory.GetFiles(_dir.File("live")).Select(Path.GetFileName).ShouldAllBe(f => f!.StartsWith("campaigns.db", StringComparison.Ordinal) && !f.Contains("restore"));
        // The good backup it was made from still restores: the check refuses the change, not the store.
        (await CliProcess.Run(Using(target), "restore", "--from", backup)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Restore_Twice_KeepsEachReplacedStore_NamedByTheWorkersTime()
    {
        var backup = Backup();
        var target = _dir.File("live", "campaigns.db");
        CampaignStore.Open(target).Campaigns().ShouldBeEmpty();
        SqliteConnection.ClearAllPools();

        var first = await CliProcess.Run(Using(target), "restore", "--from", backup);
        var second = await CliProcess.Run(Using(target), "restore", "--from", backup);

        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        var kept = Directory.GetFiles(_dir.File("live"), "campaigns.db.before-restore-*").Order(StringComparer.Ordinal).ToList();
        kept.Count.ShouldBe(2);
        kept.ShouldAllBe(k => Path.GetFileName(k).StartsWith("campaigns.db.before-restore-20260706T0230", StringComparison.Ordinal));
        first.Out.ShouldContain(kept[0]);
        second.Out.ShouldContain(kept[1]);
        CampaignStore.Open(kept[0]).Campaigns().ShouldBeEmpty("the first restore's replaced store is not overwritten by the second");
        CampaignStore.Open(kept[1]).Campaigns().ShouldNotBeEmpty();
    }
}
