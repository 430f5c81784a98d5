using System.CommandLine;
using Campaigns.Operations;

namespace Campaigns.Cli;

/// <summary>`backup --out FILE`: a consistent copy of the store while the worker runs (SQLite's online backup).</summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "the backup file to write (replaced when it exists)", Required = true };
        var command = new Command("backup", "Copy the database (Campaigns:Database) to a file, consistent even while the worker runs.") { output };
        command.SetAction(parse =>
        {
            var (options, _, storage) = StoreCommandHost.Settings();
            if (StoreCommandHost.SqliteFile(options, storage) is not { } database)
            {
                return 2;
            }
            var target = parse.GetValue(output)!.FullName;
            var outcome = StoreBackup.Backup(database, target);
            if (outcome.Facts is not { } facts)
            {
                Console.Error.WriteLine($"备份失败：{outcome.Problem}");
                return 1;
            }
            Console.WriteLine($"已备份到 {target}：结构版本 {facts.SchemaVersion}，{facts.Campaigns} 个抽查任务，{facts.Results} 条检查结果，"
                + $"{facts.Deliveries} 封邮件，{new FileInfo(target).Length} 字节");
            return 0;
        });
        return command;
    }
}
