using System.CommandLine;
using System.Text.Json;
using Campaigns.Core.Draws;

namespace Campaigns.Cli;

public static class VerifyDrawCommand
{
    public static Command Create()
    {
        var record = new Argument<FileInfo>("record") { Description = "draw record (draw-record.json)" };
        var directory = new Option<DirectoryInfo>("--directory") { Description = "the draw's snapshot folder: the files the record names (entities, inspectors, departments.csv)", Required = true };
        var substitutions = new Option<FileInfo?>("--substitutions") { Description = "substitutions.json (default: the one beside the record, if any)" };
        var year = new Option<DirectoryInfo?>("--year") { Description = "folder of the year's draw records (e.g. out/documents/2026): re-derive the entities the yearly cap excluded" };
        var command = new Command("verify-draw", "Recompute a draw from its record and its snapshot: every field, the snapshot's hash, the substitutions; say match or what differs.")
        {
            record, directory, substitutions, year,
        };
        command.SetAction(parse =>
        {
            var recordPath = parse.GetValue(record)!.FullName;
            Draw draw;
            try
            {
                draw = JsonSerializer.Deserialize<Draw>(File.ReadAllText(recordPath), DrawSnapshotFolder.Json) ?? throw new JsonException("empty");
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                Console.Error.WriteLine($"{recordPath}: 无法读取抽取记录（{e.Message}）");
                return 2;
            }
            var (evidence, problems) = DrawSnapshotFolder.Read(draw, parse.GetValue(directory)!.FullName);
            if (evidence is null)
            {
                problems.ToList().ForEach(Console.Error.WriteLine);
                return 2;
            }
            var substitutionsPath = parse.GetValue(substitutions)?.FullName ?? Path.Combine(Path.GetDirectoryName(recordPath)!, "substitutions.json");
            if (File.Exists(substitutionsPath))
            {
                evidence = evidence with { Substitutions = JsonSerializer.Deserialize<List<Substitution>>(File.ReadAllText(substitutionsPath), DrawSnapshotFolder.Json) ?? [] };
            }
            if (parse.GetValue(year) is { } yearFolder)
            {
                var (records, yearProblems) = DrawSnapshotFolder.ReadYear(yearFolder.FullName);
                if (yearProblems.Count > 0)
                {
                    yearProblems.ToList().ForEach(Console.Error.WriteLine);
                    return 2;
                }
                evidence = evidence with { Year = records };
            }
            var differences = DrawVerifier.Verify(draw, evidence);
            foreach (var difference in differences)
            {
                Console.WriteLine(difference);
            }
            var extra = (evidence.Substitutions is { Count: > 0 } s ? $"、{s.Count}次递补" : "") + (evidence.Year is null ? "" : "、年度排除名单");
            Console.WriteLine(differences.Count == 0
                ? $"一致：名录库快照（{draw.Snapshot.Count}个文件）与记录的哈希相符，{draw.Entities.Count}户检查对象及顺序、{draw.Groups.Count}个检查组的人员、组长和回避记录{extra}均与重新计算的相同（match）"
                : $"不一致：{differences.Count}处不同（mismatch）");
            return differences.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
