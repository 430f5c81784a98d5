using System.CommandLine;
using Campaigns.Operations;

namespace Campaigns.Cli;

/// <summary>`restore --from FILE`: put a backup in place of the database; the worker must be stopped.</summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var from = new Option<FileInfo>("--from") { Description = "a file written by `campaigns backup`", Required = true };
        var command = new Command("restore",
            "Replace the database (Campaigns:Database) with a backup; stop the worker first. The replaced file is kept as <database>.before-restore-<UTC time>.") { from };
        command.SetAction(parse =>
        {
            var (options, time, storage) = StoreCommandHost.Settings();
            if (StoreCommandHost.SqliteFile(options, storage) is not { } database)
            {
                return 2;
            }
            var outcome = StoreBackup.Restore(parse.GetValue(from)!.FullName, database, time.GetUtcNow());
            if (outcome.Facts is not { } facts)
            {
                Console.Error.WriteLine($"未恢复，数据库未改动：{outcome.Problem}");
                return 1;
            }
            var kept = outcome.Kept is null ? "" : $"；原数据库保留为 {outcome.Kept}";
            Console.WriteLine($"已恢复到 {database}：结构版本 {facts.SchemaVersion}，{facts.Campaigns} 个抽查任务，{facts.Results} 条检查结果，"
                + $"{facts.Deliveries} 封邮件{kept}");
            return 0;
        });
        return command;
    }
}
