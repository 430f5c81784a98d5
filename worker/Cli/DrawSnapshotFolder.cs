using System.Text.Json;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Sheets;
using Campaigns.Operations;

namespace Campaigns.Cli;

/// <summary>
/// Reads a draw's snapshot folder (the files its record names) into <see cref="DrawEvidence"/>: the rows, each file's
/// hash as found, and where each entity and inspector row sits, so a difference can name the file and line.
/// </summary>
public static class DrawSnapshotFolder
{
    public static readonly JsonSerializerOptions Json = JsonMetadata.Readable;

    /// <summary>The evidence, or the problems that stop reading it (a file missing from the record's list is not one: the verifier says so).</summary>
    public static (DrawEvidence? Evidence, IReadOnlyList<string> Problems) Read(Draw record, string folder)
    {
        var problems = new List<string>();
        var files = new List<SnapshotFile>();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<MarketEntity> entities = [];
        IReadOnlyList<Inspector> inspectors = [];
        IReadOnlyList<DrawDepartment> departments = [];
        foreach (var name in (record.Snapshot ?? []).Select(f => f.File))
        {
            var path = Path.Combine(folder, Path.GetFileName(name));
            if (!File.Exists(path))
            {
                continue;
            }
            var bytes = File.ReadAllBytes(path);
            files.Add(SnapshotFile.Of(name, bytes));
            var read = Sheet.Load(bytes, path);
            if (read.Sheet is not { } sheet)
            {
                problems.Add(read.Problem!.ToString());
                continue;
            }
            switch (Path.GetFileNameWithoutExtension(name))
            {
                case "entities":
                    var readEntities = DirectorySheet.ReadEntities(sheet, path);
                    problems.AddRange(readEntities.Problems.Select(p => p.ToString()));
                    entities = readEntities.Rows;
                    Locate(rows, "E|", sheet.Renamed(DirectorySheet.EntityAliases), "统一社会信用代码", name);
                    break;
                case "inspectors":
                    var readInspectors = DirectorySheet.ReadInspectors(sheet, path);
                    problems.AddRange(readInspectors.Problems.Select(p => p.ToString()));
                    inspectors = readInspectors.Rows;
                    Locate(rows, "I|", sheet.Renamed(DirectorySheet.InspectorAliases), "执法证号", name);
                    break;
                default:
                    var id = sheet.Column(DrawDepartments.Headers[0]);
                    var title = sheet.Column(DrawDepartments.Headers[1]);
                    departments = id < 0 || title < 0 ? [] : [.. sheet.Rows.Select(r => new DrawDepartment(r.Fields[id], r.Fields[title]))];
                    break;
            }
        }
        return problems.Count > 0 ? (null, problems) : (new DrawEvidence(entities, inspectors, departments, files, rows), []);
    }

    /// <summary>Every draw-record.json under <paramref name="folder"/> (a year's documents folder), or the problems reading them.</summary>
    public static (IReadOnlyList<Draw> Records, IReadOnlyList<string> Problems) ReadYear(string folder)
    {
        var records = new List<Draw>();
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "draw-record.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                records.Add(JsonSerializer.Deserialize<Draw>(File.ReadAllText(path), Json) ?? throw new JsonException("empty"));
            }
            catch (JsonException e)
            {
                problems.Add($"{path}: 不是抽取记录（{e.Message}）");
            }
        }
        return (records, problems);
    }

    private static void Locate(Dictionary<string, string> rows, string prefix, Sheet sheet, string header, string file)
    {
        var column = sheet.Column(header);
        if (column < 0)
        {
            return;
        }
        foreach (var row in sheet.Rows)
        {
            rows.TryAdd(prefix + row.Fields[column], $"{file}:{row.Line}");
        }
    }
}
