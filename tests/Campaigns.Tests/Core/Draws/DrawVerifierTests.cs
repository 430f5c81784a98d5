using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class DrawVerifierTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Draw Record(string campaign, string seed, EntityRule rule, IReadOnlyList<MarketEntity> directory, string? commitment = null)
    {
        var result = EntitySelection.Select(campaign, seed, rule, directory);
        return new Draw(campaign, new DateOnly(2026, 4, 14), DoubleRandomDraw.Algorithm, seed, commitment, "hash", rule,
            new InspectorRule(1, 1, "d", [new DrawDepartment("d", "部门")]), result.EligibleCount, result.Strata,
            [.. result.Selected.Select(e => new DrawnEntity(e.Uscc, e.Name, e.Address, e.LegalRepresentative, e.RiskClass))], [], []);
    }

    [Fact]
    public void Verify_UntouchedRecord_NoDifferences()
    {
        var directory = EntitySelectionTests.Directory(50, "A", "B", "C");
        var rule = new EntityRule("网吧", null, 0.2m, 3, new Dictionary<string, decimal> { ["A"] = 0.5m }, [directory[7].Uscc]);
        DrawVerifier.Verify(Record("c", "骰子 3-6-2", rule, directory), directory).ShouldBeEmpty();
    }

    [Fact]
    public void Verify_SeedThatDoesNotRevealTheCommitment_Rejected()
    {
        var directory = EntitySelectionTests.Directory(20);
        var rule = new EntityRule("网吧", null, 0.2m, 1, new Dictionary<string, decimal>(), []);
        DrawVerifier.Verify(Record("c", "3-6-2-5", rule, directory, Seeds.Commit("3-6-2-5")), directory).ShouldBeEmpty();
        DrawVerifier.Verify(Record("c", "3-6-2-6", rule, directory, Seeds.Commit("3-6-2-5")), directory).Single().ShouldStartWith("seed does not reveal the commitment");
    }

    [Fact]
    public void Verify_SwappedOrder_SaysWhichPositions()
    {
        var directory = EntitySelectionTests.Directory(30);
        var record = Record("c", "s", new EntityRule("网吧", null, 0.2m, 1, new Dictionary<string, decimal>(), []), directory);
        var swapped = record with { Entities = [record.Entities[1], record.Entities[0], .. record.Entities.Skip(2)] };
        DrawVerifier.Verify(swapped, directory).Select(d => d[..10]).ShouldBe(["position 1", "position 2"]);
    }

    [Fact]
    public void Verify_DirectoryChangedAfterDraw_Detected()
    {
        var directory = EntitySelectionTests.Directory(30);
        var record = Record("c", "s", new EntityRule("网吧", null, 0.2m, 1, new Dictionary<string, decimal>(), []), directory);
        DrawVerifier.Verify(record, directory.Skip(1).ToList()).ShouldContain(d => d.StartsWith("eligible count: recorded 30, recomputed 29"));
    }

    /// <summary>
    /// The Python verifier in ops/ was written from README alone; on many random cases (sizes, classes, ratios,
    /// minimums, exclusions, Chinese class names and seeds) it must reach the same selection, in the same order.
    /// </summary>
    [Fact]
    public async Task PythonVerifier_AgreesOnRandomCases_AndRejectsATamperedOne()
    {
        var random = new Random(20260414);
        string[][] classSets = [[], ["A", "B", "C", "D"], ["低", "一般", "较高", "高"]];
        for (var i = 0; i < 30; i++)
        {
            var classes = classSets[i % 3];
            var directory = EntitySelectionTests.Directory(random.Next(0, 120), classes).ToList();
            var byRisk = classes.Where(_ => random.Next(2) == 0).ToDictionary(c => c, _ => Math.Round((decimal)random.NextDouble(), 2) + 0.01m);
            var excluded = directory.Where(_ => random.Next(10) == 0).Select(e => e.Uscc).ToArray();
            var rule = new EntityRule("网吧", null, Math.Round((decimal)random.NextDouble(), 3) + 0.001m, random.Next(1, 8), byRisk, excluded);
            var record = Record($"case-{i}", $"种子-{random.Next()}", rule, directory);
            (await Python(record, directory)).ShouldBe((0, "match"), $"case {i}");
        }

        var last = EntitySelectionTests.Directory(40, "A", "B");
        var good = Record("x", "s", new EntityRule("网吧", null, 0.3m, 1, new Dictionary<string, decimal>(), []), last);
        var tampered = good with { Entities = [.. good.Entities.Reverse()] };
        (await Python(tampered, last)).Code.ShouldBe(1);
        (await Python(good with { SeedCommitment = Seeds.Commit("s") }, last)).ShouldBe((0, "match"));
        (await Python(good with { SeedCommitment = Seeds.Commit("another") }, last)).Code.ShouldBe(1);
    }

    /// <summary>
    /// The whole draw (entities, groups, members, leaders, recusals) on random plans and directories with conflicts:
    /// the C# verifier and the Python one both reproduce it, and both notice a swapped group member.
    /// </summary>
    [Fact]
    public async Task WholeDraw_BothVerifiersReproduceGroups_AndCatchASwappedMember()
    {
        var random = new Random(20261123);
        var checkedRecusals = 0;
        for (var i = 0; i < 12; i++)
        {
            var directory = EntitySelectionTests.Directory(random.Next(6, 60), "A", "B", "C").ToList();
            var inspectors = RandomInspectors(random, directory);
            var campaign = TestPlans.NetCafe() with
            {
                Scope = new("网吧", null),
                Groups = random.Next(1, 4),
                InspectorsPerDepartment = random.Next(1, 3),
                Sampling = new(0.4m, 2),
                Seed = $"会议-{random.Next()}",
            };
            var outcome = DoubleRandomDraw.Run(TestPlans.Plan(null, campaign), campaign,
                new DrawInput(campaign.Seed!, new DateOnly(2026, 4, 14), EntityIndex.Build(directory), inspectors, "hash", new Dictionary<string, int>()));
            var draw = outcome.Draw.ShouldNotBeNull(outcome.Refusal);
            checkedRecusals += draw.Recusals.Count;

            DrawVerifier.Verify(draw, directory, inspectors).ShouldBeEmpty($"case {i}");
            (await Python(draw, directory, inspectors)).ShouldBe((0, "match"), $"case {i}");

            var group = draw.Groups[0];
            var outsider = inspectors.First(x => draw.Groups.All(g => g.Members.All(m => m.CertificateNumber != x.CertificateNumber)));
            var swapped = draw with
            {
                Groups = [group with { Members = [.. group.Members.Skip(1).Prepend(group.Members[0] with { CertificateNumber = outsider.CertificateNumber })] }, .. draw.Groups.Skip(1)],
            };
            DrawVerifier.Verify(swapped, directory, inspectors).ShouldContain(d => d.StartsWith("group 1 member 1: recorded"), $"case {i}");
            (await Python(swapped, directory, inspectors)).Code.ShouldBe(1, $"case {i}");
        }
        checkedRecusals.ShouldBeGreaterThan(0, "the random cases should exercise conflict avoidance");
    }

    [Fact]
    public void Verify_WithoutInspectorRule_SaysTheGroupsCannotBeChecked()
    {
        var directory = EntitySelectionTests.Directory(10);
        var record = Record("c", "s", new EntityRule("网吧", null, 0.3m, 1, new Dictionary<string, decimal>(), []), directory) with { InspectorRule = null! };
        DrawVerifier.Verify(record, directory, TestPlans.Inspectors()).ShouldBe(["the record holds no inspector rule, so its groups cannot be recomputed"]);
    }

    /// <summary>Five to eight qualified inspectors per department of <see cref="TestPlans.Plan"/>, some expired, a third with conflicts.</summary>
    private static List<Inspector> RandomInspectors(Random random, IReadOnlyList<MarketEntity> directory) =>
    [
        .. new[] { "police", "县市场监督管理局", "culture" }.SelectMany(unit => Enumerable.Range(0, random.Next(7, 11)).Select(n => new Inspector(
            $"{unit[..2]}-{random.Next(1000, 9999)}-{n}", "检查员", "女", unit, "科员",
            n == 0 ? new DateOnly(2025, 1, 1) : new DateOnly(2027, 6, 30), null, null,
            random.Next(3) == 0 ? [directory[random.Next(directory.Count)].Uscc, directory[random.Next(directory.Count)].Uscc] : []))),
    ];

    private async Task<(int Code, string Last)> Python(Draw record, IReadOnlyList<MarketEntity> directory, IReadOnlyList<Inspector>? inspectors = null)
    {
        var recordPath = _dir.File("record.json");
        var entitiesPath = _dir.File("entities.csv");
        await File.WriteAllTextAsync(recordPath, JsonSerializer.Serialize(record, Json));
        var csv = new StringBuilder(string.Join(",", DirectorySheet.EntityHeaders) + "\n");
        foreach (var e in directory)
        {
            csv.Append($"{e.Name},{e.Uscc},{e.Address},{e.LegalRepresentative},{e.Industry},{e.Region},{e.RiskClass},存续\n");
        }
        await File.WriteAllTextAsync(entitiesPath, csv.ToString());
        List<string> arguments = [Repository.Path("ops", "verify_draw.py"), recordPath, entitiesPath];
        if (inspectors is not null)
        {
            var staff = new StringBuilder(string.Join(",", DirectorySheet.InspectorHeaders) + "\n");
            foreach (var x in inspectors)
            {
                staff.Append($"{x.Name},{x.Gender},{x.Unit},{x.Position},{x.CertificateNumber},{x.CertificateValidUntil:yyyy-MM-dd},,,{string.Join(";", x.Conflicts)}\n");
            }
            arguments.Add(_dir.File("inspectors.csv"));
            await File.WriteAllTextAsync(arguments[^1], staff.ToString());
        }
        var start = new ProcessStartInfo("python3", arguments)
        {
            RedirectStandardOutput = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim().Split('\n').Last());
    }
}
