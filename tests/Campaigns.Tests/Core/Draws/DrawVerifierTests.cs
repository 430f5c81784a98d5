using System.Diagnostics;
using System.Text;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Draws;

public class DrawVerifierTests : IDisposable
{
    private static readonly DateOnly DrawDay = new(2026, 4, 14);
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CampaignPlan Campaign(string id, string seed, Sampling sampling, int groups = 2, int perDepartment = 1, int cap = 2) =>
        TestPlans.NetCafe(id) with
        {
            Scope = new("网吧", null),
            Groups = groups,
            InspectorsPerDepartment = perDepartment,
            Sampling = sampling,
            Seed = seed,
            Rules = PlanRules.Default with { MaxJointChecksPerEntityPerYear = cap },
        };

    /// <summary>Seven to ten inspectors per department of <see cref="TestPlans.Plan"/> (by id or by name), one expired, a third with conflicts.</summary>
    private static List<Inspector> RandomInspectors(Random random, IReadOnlyList<MarketEntity> directory) =>
    [
        .. new[] { "police", "县市场监督管理局", "culture" }.SelectMany(unit => Enumerable.Range(0, random.Next(7, 11)).Select(n => new Inspector(
            $"{unit[..2]}-{random.Next(1000, 9999)}-{n}", $"检查员{n}", "女", unit, "科员",
            n == 0 ? new DateOnly(2025, 1, 1) : new DateOnly(2027, 6, 30), n % 2 == 0 ? null : $"x{n}@qinghe.example", null,
            random.Next(3) == 0 ? [directory[random.Next(directory.Count)].Uscc, directory[random.Next(directory.Count)].Uscc] : []))),
    ];

    private string Folder(string name)
    {
        var folder = _dir.File(name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>One whole draw (two groups, recusals likely) kept in its own folder.</summary>
    private (string Folder, Draw Draw, List<Inspector> Inspectors) Sample(string name = "sample", int seed = 7)
    {
        var random = new Random(seed);
        var directory = EntitySelectionTests.Directory(40, "A", "B", "C").ToList();
        var inspectors = RandomInspectors(random, directory);
        var campaign = Campaign("c-" + name, "骰子 3-6-2", new Sampling(0.2m, 20, new Dictionary<string, decimal> { ["A"] = 0.5m }));
        var folder = Folder(name);
        var draw = DrawFolders.Make(folder, TestPlans.Plan(null, campaign), campaign, DrawDay, directory, inspectors).Draw.ShouldNotBeNull();
        return (folder, draw, inspectors);
    }

    [Fact]
    public async Task Verify_UntouchedRecord_BothVerifiersMatch()
    {
        var (folder, draw, _) = Sample();
        draw.Strata.ShouldContain(s => s.TopUp > 0, "the minimum of 20 tops the ratios up");
        DrawFolders.VerifyInProcess(folder).ShouldBeEmpty();
        var python = await DrawFolders.Python(folder);
        python.Code.ShouldBe(0, string.Join("\n", python.Lines) + python.Error);
        python.Lines[^1].ShouldBe("match");
    }

    public static TheoryData<string, string> Tampers => new()
    {
        { "snapshot row", "snapshot[0].sha256" },
        { "directoryHash", "directoryHash" },
        { "entity name", "entities[0].name" },
        { "entity class", "entities[0].riskClass" },
        { "member e-mail", "groups[0].members[1].email" },
        { "member department", "groups[0].members[0].departmentId" },
        { "department name", "inspectorRule.departments[1].name" },
        { "strata count", "strata[0].byRatio" },
        { "algorithm", "algorithm" },
        { "swapped commitment", "seedCommitment" },
        { "seed status", "seedStatus" },
        { "substitution from outside the snapshot", "substitution 1 replacement.certificateNumber" },
        { "forged excluded", "rule.excluded" },
    };

    /// <summary>
    /// Each way to forge a record or its snapshot, on both verifiers: each fails (exit 1 for Python) with a message that
    /// starts with the field that was forged.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task Tampered_BothVerifiersFail_NamingTheField(string tamper, string field)
    {
        var (folder, draw, inspectors) = Sample(tamper.Replace(' ', '-'));
        var snapshot = Path.Combine(folder, "snapshot");
        var member = draw.Groups[0].Members;
        switch (tamper)
        {
            case "snapshot row":
                var drawn = draw.Entities[0];
                var text = File.ReadAllText(Path.Combine(snapshot, "entities.csv"));
                File.WriteAllText(Path.Combine(snapshot, "entities.csv"), text.Replace(drawn.Name + ",", drawn.Name + "改,"));
                break;
            case "directoryHash":
                DrawFolders.Write(folder, draw with { DirectoryHash = Seeds.Commit("another directory") });
                break;
            case "entity name":
                DrawFolders.Write(folder, draw with { Entities = [draw.Entities[0] with { Name = "不存在的网吧" }, .. draw.Entities.Skip(1)] });
                break;
            case "entity class":
                DrawFolders.Write(folder, draw with { Entities = [draw.Entities[0] with { RiskClass = draw.Entities[0].RiskClass == "A" ? "D" : "A" }, .. draw.Entities.Skip(1)] });
                break;
            case "member e-mail":
                DrawFolders.Write(folder, draw with { Groups = [draw.Groups[0] with { Members = [member[0], member[1] with { Email = "forged@example.com" }, .. member.Skip(2)] }, .. draw.Groups.Skip(1)] });
                break;
            case "member department":
                DrawFolders.Write(folder, draw with { Groups = [draw.Groups[0] with { Members = [member[0] with { DepartmentId = "culture" }, .. member.Skip(1)] }, .. draw.Groups.Skip(1)] });
                break;
            case "department name":
                var departments = draw.InspectorRule.Departments;
                DrawFolders.Write(folder, draw with { InspectorRule = draw.InspectorRule with { Departments = [departments[0], departments[1] with { Name = "县工商局" }, .. departments.Skip(2)] } });
                break;
            case "strata count":
                DrawFolders.Write(folder, draw with { Strata = [draw.Strata[0] with { ByRatio = draw.Strata[0].ByRatio + 1 }, .. draw.Strata.Skip(1)] });
                break;
            case "algorithm":
                DrawFolders.Write(folder, draw with { Algorithm = "stratified-hmac-sha256/v9" }, validate: false);
                break;
            case "swapped commitment":
                DrawFolders.Write(folder, draw with { SeedCommitment = Seeds.Commit("a seed tried offline") });
                break;
            case "seed status":
                DrawFolders.Write(folder, draw with { SeedStatus = Seeds.CommittedInAdvance });
                break;
            case "substitution from outside the snapshot":
                var (real, _) = Substitutions.Draw(draw, [], inspectors, member[0].CertificateNumber, "因病住院", "县长", DrawDay.AddDays(1));
                var outsider = new DrawnInspector("po-0000-99", "新调入人员", member[0].DepartmentId, null);
                DrawFolders.Write(folder, [real.ShouldNotBeNull() with { Replacement = outsider }]);
                break;
            case "forged excluded":
                // A consistent forgery: the whole draw made again as if the first entity had already been checked twice this year.
                var excluded = draw.Entities[0].Uscc;
                var campaign = Campaign(draw.CampaignId, draw.Seed, new Sampling(0.2m, 20, new Dictionary<string, decimal> { ["A"] = 0.5m }));
                var directory = DirectorySheet.ReadEntities(File.ReadAllText(Path.Combine(snapshot, "entities.csv")), "entities.csv").Rows;
                var forged = DrawFolders.Make(Folder("forgery"), TestPlans.Plan(null, campaign), campaign, DrawDay, directory, inspectors,
                    new Dictionary<string, int> { [excluded] = 2 }).Draw.ShouldNotBeNull();
                forged.Rule.Excluded.ShouldBe([excluded]);
                DrawFolders.Write(folder, forged);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tamper), tamper, null);
        }
        string[] year = tamper == "forged excluded" ? ["--year", Path.Combine(folder, "year")] : [];
        if (year.Length > 0)
        {
            Directory.CreateDirectory(year[1]);
        }

        var differences = DrawFolders.VerifyInProcess(folder, year.Length > 0 ? year[1] : null);
        differences.ShouldContain(d => d.StartsWith(field + ":", StringComparison.Ordinal), string.Join("\n", differences));
        var python = await DrawFolders.Python(folder, year);
        python.Code.ShouldBe(1, python.Error);
        python.Lines.ShouldContain(l => l.StartsWith(field + ":", StringComparison.Ordinal), string.Join("\n", python.Lines));
        python.Lines[^1].ShouldStartWith("mismatch");
    }

    [Fact]
    public async Task EditedSnapshotRow_NamesTheFileAndLine()
    {
        var (folder, draw, _) = Sample("row");
        var path = Path.Combine(folder, "snapshot", "entities.csv");
        var lines = File.ReadAllLines(path).ToList();
        var line = lines.FindIndex(l => l.StartsWith(draw.Entities[0].Name + ",", StringComparison.Ordinal));
        lines[line] = lines[line].Replace(draw.Entities[0].Name, "改名网吧", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        DrawFolders.VerifyInProcess(folder).ShouldContain($"entities[0].name: recorded '{draw.Entities[0].Name}', snapshot '改名网吧' (entities.csv:{line + 1})");
        (await DrawFolders.Python(folder)).Lines.ShouldContain($"entities[0].name: recorded '{draw.Entities[0].Name}', snapshot '改名网吧' (entities.csv:{line + 1})");
    }

    /// <summary>
    /// The Python verifier was written from README alone; on many random whole draws (sizes, classes, ratios, minimums,
    /// exclusions, Chinese class names, groups, conflicts) both verifiers reproduce every field, and both notice a swapped member.
    /// </summary>
    [Fact]
    public async Task RandomDraws_BothVerifiersReproduceEveryField_AndCatchASwappedMember()
    {
        var random = new Random(20260414);
        string[][] classSets = [[], ["A", "B", "C", "D"], ["低", "一般", "较高", "高"]];
        var recusals = 0;
        for (var i = 0; i < 18; i++)
        {
            var classes = classSets[i % 3];
            var directory = EntitySelectionTests.Directory(random.Next(6, 90), classes).ToList();
            var inspectors = RandomInspectors(random, directory);
            var byRisk = classes.Where(_ => random.Next(2) == 0).ToDictionary(c => c, _ => Math.Round((decimal)random.NextDouble(), 2) + 0.01m);
            var checks = directory.Where(_ => random.Next(10) == 0).ToDictionary(e => e.Uscc, _ => 2);
            var campaign = Campaign($"case-{i}", $"种子-{random.Next()}", new Sampling(Math.Round((decimal)random.NextDouble(), 3) + 0.001m, random.Next(1, 8), byRisk),
                groups: random.Next(1, 4), perDepartment: random.Next(1, 3));
            var folder = Folder($"case-{i}");
            var outcome = DrawFolders.Make(folder, TestPlans.Plan(null, campaign), campaign, DrawDay, directory, inspectors, checks);
            if (outcome.Draw is not { } draw)
            {
                continue;
            }
            recusals += draw.Recusals.Count;
            DrawFolders.VerifyInProcess(folder).ShouldBeEmpty($"case {i}");
            var python = await DrawFolders.Python(folder);
            python.Lines[^1].ShouldBe("match", $"case {i}: {string.Join("\n", python.Lines)}{python.Error}");

            var group = draw.Groups[0];
            var outsider = inspectors.First(x => draw.Groups.All(g => g.Members.All(m => m.CertificateNumber != x.CertificateNumber)));
            DrawFolders.Write(folder, draw with
            {
                Groups = [group with { Members = [.. group.Members.Skip(1).Prepend(group.Members[0] with { CertificateNumber = outsider.CertificateNumber })] }, .. draw.Groups.Skip(1)],
            });
            DrawFolders.VerifyInProcess(folder).ShouldContain(d => d.StartsWith("groups[0].members[0].certificateNumber:"), $"case {i}");
            (await DrawFolders.Python(folder)).Lines.ShouldContain(l => l.StartsWith("groups[0].members[0].certificateNumber:"), $"case {i}");
        }
        recusals.ShouldBeGreaterThan(0, "the random cases should exercise conflict avoidance");
    }

    /// <summary>Substitutions drawn in a row (a leader among them) are recomputed in order by both verifiers.</summary>
    [Fact]
    public async Task Substitutions_BothVerifiersRecomputeEachInOrder()
    {
        var (folder, draw, inspectors) = Sample("substitutions", seed: 11);
        var leader = draw.Groups[0].LeaderCertificateNumber;
        var first = Substitutions.Draw(draw, [], inspectors, leader, "因病住院", "县公安局局长", DrawDay.AddDays(2)).Substitution.ShouldNotBeNull();
        var other = draw.Groups[^1].Members[^1].CertificateNumber;
        var second = Substitutions.Draw(draw, [first], inspectors, other, "借调", "县长", DrawDay.AddDays(3)).Substitution.ShouldNotBeNull();
        var third = Substitutions.Draw(draw, [first, second], inspectors, first.Replacement.CertificateNumber, "回避", "县公安局局长", DrawDay.AddDays(3)).Substitution.ShouldNotBeNull();
        third.Replacement.CertificateNumber.ShouldNotBe(leader, "a replaced inspector cannot return");
        Substitutions.Apply(draw, [first, second, third]).Groups[0].LeaderCertificateNumber.ShouldBe(third.Replacement.CertificateNumber);
        DrawFolders.Write(folder, [first, second, third]);

        DrawFolders.VerifyInProcess(folder).ShouldBeEmpty();
        (await DrawFolders.Python(folder)).Lines[^1].ShouldBe("match");

        DrawFolders.Write(folder, [first, second with { PoolSize = second.PoolSize + 1 }, third]);
        DrawFolders.VerifyInProcess(folder).ShouldContain(d => d.StartsWith("substitution 2 poolSize:"));
        (await DrawFolders.Python(folder)).Lines.ShouldContain(l => l.StartsWith("substitution 2 poolSize:"));
    }

    /// <summary>
    /// Three draws of one year, with a yearly cap of 1: each record's exclusions are re-derived from the earlier ones by both
    /// verifiers given the year's folder; a record whose earlier record is withheld is reported.
    /// </summary>
    [Fact]
    public async Task Year_BothVerifiersRederiveTheExclusions_AndMissAnEarlierRecord()
    {
        var random = new Random(3);
        var directory = EntitySelectionTests.Directory(12, "A", "B").ToList();
        var inspectors = RandomInspectors(random, directory);
        var year = Folder("2026");
        var counts = new Dictionary<string, int>();
        var folders = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            var campaign = Campaign($"y-{n}", $"年度-{n}", new Sampling(0.3m, 1), groups: 1, cap: 1);
            var folder = Path.Combine(year, campaign.Id);
            Directory.CreateDirectory(folder);
            var draw = DrawFolders.Make(folder, TestPlans.Plan(null, campaign), campaign, DrawDay.AddDays(n), directory, inspectors,
                new Dictionary<string, int>(counts), yearSequence: n).Draw.ShouldNotBeNull();
            draw.Rule.Excluded.Count.ShouldBe(counts.Count);
            draw.Entities.ShouldAllBe(e => !counts.ContainsKey(e.Uscc));
            foreach (var e in draw.Entities)
            {
                counts[e.Uscc] = counts.GetValueOrDefault(e.Uscc) + 1;
            }
            folders.Add(folder);
        }
        foreach (var folder in folders)
        {
            DrawFolders.VerifyInProcess(folder, year).ShouldBeEmpty(folder);
            (await DrawFolders.Python(folder, "--year", year)).Lines[^1].ShouldBe("match", folder);
        }

        Directory.Move(folders[0], _dir.File("withheld"));
        DrawFolders.VerifyInProcess(folders[2], year).ShouldContain(d => d.StartsWith("yearSequence:"));
        (await DrawFolders.Python(folders[2], "--year", year)).Lines.ShouldContain(l => l.StartsWith("yearSequence:"));
    }

    /// <summary>README's directoryHash, recomputed the way a third party would: sha256sum over the snapshot, and five lines of Python.</summary>
    [Fact]
    public async Task DirectoryHash_RecomputedWithSha256sumAndPython()
    {
        var (folder, draw, _) = Sample("hash");
        var snapshot = Path.Combine(folder, "snapshot");
        (await Shell(snapshot, "sh", "-c", "sha256sum entities.csv inspectors.csv departments.csv | sha256sum | cut -d' ' -f1")).ShouldBe(draw.DirectoryHash);
        const string Python = """
            import hashlib, json, sys
            record = json.load(open(sys.argv[1], encoding="utf-8"))
            lines = "".join(hashlib.sha256(open(f["file"], "rb").read()).hexdigest() + "  " + f["file"] + "\n" for f in record["snapshot"])
            print(hashlib.sha256(lines.encode()).hexdigest())
            """;
        (await Shell(snapshot, "python3", "-c", Python, Path.Combine(folder, "draw-record.json"))).ShouldBe(draw.DirectoryHash);
    }

    [Fact]
    public async Task PythonCli_Help_Usage_AndUnreadableInput()
    {
        var help = await Run("python3", Repository.Path("ops", "verify_draw.py"), "--help");
        help.Code.ShouldBe(0, help.Error);
        help.Out.ShouldContain("usage: verify_draw.py");
        help.Out.ShouldContain("--directory");
        help.Out.ShouldContain("--year");

        var bare = await Run("python3", Repository.Path("ops", "verify_draw.py"));
        bare.Code.ShouldBe(2);
        bare.Error.ShouldContain("the following arguments are required");

        var missing = await Run("python3", Repository.Path("ops", "verify_draw.py"), _dir.File("nope.json"), "--directory", _dir.Path);
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain("cannot read");
    }

    private static async Task<string> Shell(string folder, string file, params string[] args)
    {
        var result = await Run(file, args, folder);
        result.Code.ShouldBe(0, result.Error);
        return result.Out.Trim();
    }

    private static Task<(int Code, string Out, string Error)> Run(string file, params string[] args) => Run(file, args, null);

    private static async Task<(int Code, string Out, string Error)> Run(string file, string[] args, string? folder)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = folder ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
