using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Campaigns.Cli;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;

namespace Campaigns.Tests.Fixtures;

/// <summary>
/// Draws as the worker keeps them: the directory files written as CSV, the draw made from their hashes, the record as
/// draw-record.json beside snapshot/ (with departments.csv); and both verifiers run on such a folder.
/// </summary>
public static class DrawFolders
{
    public static byte[] EntitiesCsv(IEnumerable<MarketEntity> entities)
    {
        var csv = new StringBuilder(string.Join(",", DirectorySheet.EntityHeaders) + "\n");
        foreach (var e in entities)
        {
            var status = e.Status switch { EntityStatus.Active => "存续", EntityStatus.Deregistered => "注销", _ => "吊销" };
            csv.Append($"{e.Name},{e.Uscc},{e.Address},{e.LegalRepresentative},{e.Industry},{e.Region},{e.RiskClass},{status}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] InspectorsCsv(IEnumerable<Inspector> inspectors)
    {
        var csv = new StringBuilder(string.Join(",", DirectorySheet.InspectorHeaders) + "\n");
        foreach (var x in inspectors)
        {
            csv.Append($"{x.Name},{x.Gender},{x.Unit},{x.Position},{x.CertificateNumber},{x.CertificateValidUntil:yyyy-MM-dd},{x.Email},{x.Phone},{string.Join(";", x.Conflicts)}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Draws <paramref name="campaign"/> over the directories and keeps it in <paramref name="folder"/> as the worker does.</summary>
    public static DrawOutcome Make(
        string folder, AnnualPlan plan, CampaignPlan campaign, DateOnly on, IReadOnlyList<MarketEntity> entities, IReadOnlyList<Inspector> inspectors,
        IReadOnlyDictionary<string, int>? jointChecks = null, int yearSequence = 1, IReadOnlyList<CommitmentEntry>? commitments = null)
    {
        var (entitiesCsv, inspectorsCsv) = (EntitiesCsv(entities), InspectorsCsv(inspectors));
        var outcome = DoubleRandomDraw.Run(plan, campaign, new DrawInput(
            campaign.Seed ?? "seed", on, EntityIndex.Build(entities), inspectors,
            [SnapshotFile.Of("entities.csv", entitiesCsv), SnapshotFile.Of("inspectors.csv", inspectorsCsv)],
            jointChecks ?? new Dictionary<string, int>(), yearSequence, commitments));
        if (outcome.Draw is { } draw)
        {
            var snapshot = Path.Combine(folder, "snapshot");
            Directory.CreateDirectory(snapshot);
            File.WriteAllBytes(Path.Combine(snapshot, "entities.csv"), entitiesCsv);
            File.WriteAllBytes(Path.Combine(snapshot, "inspectors.csv"), inspectorsCsv);
            File.WriteAllBytes(Path.Combine(snapshot, DrawDepartments.FileName), DrawDepartments.Csv(draw.InspectorRule.Departments));
            Write(folder, draw);
        }
        return outcome;
    }

    /// <summary>Writes the record, after checking it against config/draw-record.schema.json (a tampered one too: tampering keeps the form).</summary>
    public static void Write(string folder, Draw draw, bool validate = true)
    {
        var json = JsonSerializer.Serialize(draw, DrawSnapshotFolder.Json);
        if (validate)
        {
            DrawRecordSchema.ShouldBeValid(json);
        }
        File.WriteAllText(Path.Combine(folder, "draw-record.json"), json);
    }

    public static void Write(string folder, IReadOnlyList<Substitution> substitutions) =>
        File.WriteAllText(Path.Combine(folder, "substitutions.json"), JsonSerializer.Serialize(substitutions, DrawSnapshotFolder.Json));

    /// <summary>The C# verifier on the folder, as verify-draw reads it.</summary>
    public static IReadOnlyList<string> VerifyInProcess(string folder, string? year = null)
    {
        var draw = JsonSerializer.Deserialize<Draw>(File.ReadAllText(Path.Combine(folder, "draw-record.json")), DrawSnapshotFolder.Json)!;
        var (evidence, problems) = DrawSnapshotFolder.Read(draw, Path.Combine(folder, "snapshot"));
        evidence.ShouldNotBeNull(string.Join("\n", problems));
        var substitutions = Path.Combine(folder, "substitutions.json");
        if (File.Exists(substitutions))
        {
            evidence = evidence with { Substitutions = JsonSerializer.Deserialize<List<Substitution>>(File.ReadAllText(substitutions), DrawSnapshotFolder.Json) };
        }
        if (year is not null)
        {
            evidence = evidence with { Year = DrawSnapshotFolder.ReadYear(year).Records };
        }
        return DrawVerifier.Verify(draw, evidence);
    }

    /// <summary>ops/verify_draw.py on the folder: exit code, every line printed, and stderr.</summary>
    public static async Task<(int Code, IReadOnlyList<string> Lines, string Error)> Python(string folder, params string[] more)
    {
        var start = new ProcessStartInfo("python3", [Repository.Path("ops", "verify_draw.py"), Path.Combine(folder, "draw-record.json"),
            "--directory", Path.Combine(folder, "snapshot"), .. more])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim().Split('\n'), await error);
    }
}
