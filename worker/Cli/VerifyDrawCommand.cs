using System.CommandLine;
using System.Text.Json;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Sheets;
using Campaigns.Engine;

namespace Campaigns.Cli;

public static class VerifyDrawCommand
{
    public static Command Create()
    {
        var record = new Argument<FileInfo>("record") { Description = "draw record (draw-record.json)" };
        var directory = new Option<DirectoryInfo>("--directory") { Description = "directory snapshot folder with entities.csv (and inspectors.csv)", Required = true };
        var command = new Command("verify-draw", "Recompute a draw (entities, and groups when inspectors.csv is there) from its record and the directory snapshot; say match or what differs.")
        {
            record, directory,
        };
        command.SetAction(parse =>
        {
            var draw = JsonSerializer.Deserialize<Draw>(File.ReadAllText(parse.GetValue(record)!.FullName), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            var folder = parse.GetValue(directory)!.FullName;
            if (DirectoryFiles.Find(folder, "entities") is not { } entitiesPath)
            {
                Console.Error.WriteLine($"{folder}: 没有 entities.xlsx 或 entities.csv");
                return 2;
            }
            var entities = DirectorySheet.ReadEntities(Sheet.Load(File.ReadAllBytes(entitiesPath), entitiesPath), entitiesPath);
            if (entities.Problems.Count > 0)
            {
                entities.Problems.ToList().ForEach(p => Console.Error.WriteLine(p.ToString()));
                return 2;
            }
            IReadOnlyList<Inspector>? staff = null;
            if (DirectoryFiles.Find(folder, "inspectors") is { } inspectorsPath)
            {
                var inspectors = DirectorySheet.ReadInspectors(Sheet.Load(File.ReadAllBytes(inspectorsPath), inspectorsPath), inspectorsPath);
                if (inspectors.Problems.Count > 0)
                {
                    inspectors.Problems.ToList().ForEach(p => Console.Error.WriteLine(p.ToString()));
                    return 2;
                }
                staff = inspectors.Rows;
                var hash = DirectoryHash.Of(entities.Rows, inspectors.Rows);
                Console.WriteLine(hash == draw.DirectoryHash
                    ? "名录库快照与抽取记录一致（directory hash matches）"
                    : $"注意：名录库快照与抽取记录不同（directory hash {hash}, recorded {draw.DirectoryHash}）");
            }
            else
            {
                Console.WriteLine("未提供执法检查人员名录库（inspectors.csv），只核对检查对象（entity half only）");
            }
            var differences = DrawVerifier.Verify(draw, entities.Rows, staff);
            foreach (var difference in differences)
            {
                Console.WriteLine(difference);
            }
            Console.WriteLine(differences.Count == 0
                ? staff is null
                    ? $"一致：重新计算的{draw.Entities.Count}户检查对象及顺序与抽取记录相同（match）"
                    : $"一致：重新计算的{draw.Entities.Count}户检查对象及顺序、{draw.Groups.Count}个检查组的人员、组长和回避记录与抽取记录相同（match）"
                : $"不一致：{differences.Count}处不同（mismatch）");
            return differences.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
