using System.Text.Json;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Campaigns.Tests.Cli;

/// <summary>backup, restore, health and JSON logs through the real binary, as an operator or cron runs them.</summary>
public class OperationsCliTests : IDisposable
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
    };

    private async Task<string> SimulatedStore()
    {
        var simulate = await CliProcess.SimulateSample("2026-01-01", "2026-07-05", _dir.File("sim"), "--results", "on-time");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        return _dir.File("sim", "campaigns.db");
    }

    [Fact]
    public async Task BackupThenRestore_IntoANewPath_SameCampaignsResultsAndDeliveries()
    {
        var original = await SimulatedStore();
        var backup = _dir.File("backups", "campaigns-2026-07-05.db");

        var saved = await CliProcess.Run(Using(original), "backup", "--out", backup);
        saved.ExitCode.ShouldBe(0, saved.Error);
        saved.Out.ShouldContain($"已备份到 {backup}");
        File.Exists(backup + "-wal").ShouldBeFalse("a backup is one self-contained file");

        var restoredPath = _dir.File("restored", "campaigns.db");
        var restored = await CliProcess.Run(Using(restoredPath), "restore", "--from", backup);
        restored.ExitCode.ShouldBe(0, restored.Error);
        restored.Out.ShouldContain($"已恢复到 {restoredPath}");

        var before = CampaignStore.Open(original);
        var after = CampaignStore.Open(restoredPath);
        after.Campaigns().ShouldBe(before.Campaigns());
        before.Campaigns().ShouldNotBeEmpty();
        var results = before.Campaigns().SelectMany(c => before.Results(c.Id)).ToList();
        results.ShouldNotBeEmpty();
        after.Campaigns().SelectMany(c => after.Results(c.Id)).ShouldBe(results);
        after.Deliveries().ShouldBe(before.Deliveries());
        after.ActiveFlags().ShouldBe(before.ActiveFlags());
        after.VerifyAuditTrail().ShouldBeNull();
        after.AuditHead().ShouldBe(before.AuditHead());
    }

    [Fact]
    public async Task Restore_OverAnExistingStore_KeepsTheReplacedFileBeside()
    {
        var original = await SimulatedStore();
        var backup = _dir.File("backup.db");
        (await CliProcess.Run(Using(original), "backup", "--out", backup)).ExitCode.ShouldBe(0);
        var target = _dir.File("live", "campaigns.db");
        CampaignStore.Open(target).Campaigns().ShouldBeEmpty();
        // The store pools its connections, so this test process holds the file open as a running worker would; let go.
        SqliteConnection.ClearAllPools();

        var restored = await CliProcess.Run(Using(target), "restore", "--from", backup);

        restored.ExitCode.ShouldBe(0, restored.Error);
        var kept = Directory.GetFiles(_dir.File("live"), "campaigns.db.before-restore-*").ShouldHaveSingleItem();
        restored.Out.ShouldContain($"原数据库保留为 {kept}");
        CampaignStore.Open(target).Campaigns().Count.ShouldBe(CampaignStore.Open(original).Campaigns().Count);
        CampaignStore.Open(kept).Campaigns().ShouldBeEmpty();
    }

    [Fact]
    public async Task Restore_FileThatIsNoCampaignsDatabase_RefusedAndNothingWritten()
    {
        var target = _dir.File("live", "campaigns.db");
        var text = _dir.File("notes.db");
        File.WriteAllText(text, "这不是数据库\n");
        var other = _dir.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }

        var notSqlite = await CliProcess.Run(Using(target), "restore", "--from", text);
        var notOurs = await CliProcess.Run(Using(target), "restore", "--from", other);

        notSqlite.ExitCode.ShouldBe(1);
        notSqlite.Error.ShouldContain("不是 SQLite 数据库");
        notOurs.ExitCode.ShouldBe(1);
        notOurs.Error.ShouldContain("不是 campaigns 数据库");
        Directory.Exists(_dir.File("live")).ShouldBeFalse();
    }

    [Fact]
    public async Task Restore_BackupWithANewerSchema_RefusedAndTheStoreUnchanged()
    {
        var target = _dir.File("live", "campaigns.db");
        CampaignStore.Open(target);
        var newer = _dir.File("newer.db");
        CampaignStore.Open(newer);
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO schema_version (version) VALUES ({StoreInspector.KnownSchemaVersion + 1})";
            command.ExecuteNonQuery();
        }
        // Let go of the pooled connections first: closing the last one checkpoints the write-ahead log into the file, which
        // another test's ClearAllPools did at any moment otherwise, and the file changed under the comparison below.
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(target);

        var result = await CliProcess.Run(Using(target), "restore", "--from", newer);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"结构版本 {StoreInspector.KnownSchemaVersion + 1} 高于本程序支持的 {StoreInspector.KnownSchemaVersion}");
        File.ReadAllBytes(target).ShouldBe(bytes);
        Directory.GetFiles(_dir.File("live"), "*.before-restore*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Health_SimulatedStore_ExitsZeroWithOneLine_DeadLetterOrMissingStoreExitsOne()
    {
        var database = await SimulatedStore();

        var healthy = await CliProcess.Run(Using(database), "health");
        healthy.ExitCode.ShouldBe(0, healthy.Error);
        healthy.Out.Trim().ShouldStartWith("正常（healthy）：数据库结构版本");
        healthy.Out.Trim().ShouldNotContain("\n");

        var store = CampaignStore.Open(database);
        var id = store.Deliveries().First().Id;
        // The outbox's own call, as after the last refused attempt.
        store.MarkFailed(id, "550 no such user", dead: true);
        var dead = await CliProcess.Run(Using(database), "health");
        dead.ExitCode.ShouldBe(1);
        dead.Error.ShouldContain("1 封邮件发送失败");

        var missing = await CliProcess.Run(Using(_dir.File("none.db")), "health");
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("数据库文件不存在");
        File.Exists(_dir.File("none.db")).ShouldBeFalse("health never creates a store");
    }

    [Fact]
    public async Task Run_LogFormatJson_EveryLineIsAJsonObject()
    {
        // A setting the validator refuses makes the worker log once and stop: the quickest real start to read logs from.
        var environment = new Dictionary<string, string>(Using(_dir.File("campaigns.db")))
        {
            ["Campaigns__LogFormat"] = "json",
            ["Campaigns__TickCron"] = "not a cron",
        };

        var result = await CliProcess.Run(environment, "run");

        result.ExitCode.ShouldNotBe(0);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.ShouldAllBe(e => e.ValueKind == JsonValueKind.Object);
        entries.ShouldAllBe(e => e.EnumerateObject().Any(p => p.Name == "Timestamp") && e.EnumerateObject().Any(p => p.Name == "LogLevel"));
        entries.ShouldContain(e => e.GetProperty("LogLevel").GetString() == "Error"
            && e.GetProperty("Exception").GetString()!.Contains("Campaigns:TickCron 'not a cron' is not a valid Quartz cron expression."));
    }
}
