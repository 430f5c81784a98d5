using System.Security.Cryptography;
using System.Text;
using Campaigns.Cli;
using Campaigns.Core.Calendar;
using Campaigns.Core.Directories;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;
using Campaigns.Host;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Integration;

/// <summary>
/// A bounded fuzz over what users hand the worker: plan YAML, and directory sheets as CSV and XLSX, each mutated a few
/// hundred times from a good file with a fixed seed (so a failure reproduces). Every case must end as a value: a plan or
/// located problems; an import's exit 0 or 1, with the directories folder unchanged, byte for byte, on 1.
/// </summary>
public sealed class HostileInputFuzzTests : IDisposable
{
    private const int Seed = 20261202;

    /// <summary>Fragments that broke something once, or might: quotes, separators, controls, markup, huge numbers, BOMs.</summary>
    private static readonly string[] Tokens =
    [
        ",", "\"", "\n", "\r", "\t", "\0", "\u001b", "\uFEFF", "\uFFFD", "'", ":", "- ", "{", "}", "[", "]", "&", "*a", "&a ", "!!binary ",
        "<", ">", "]]>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<c r=\"A1\"><v>1</v></c>", "r=\"AAAAAAAA5\"", "<row r=\"1\"/>", "t=\"s\"",
        "2147483647", "-1", "0", "99999999999999999999", "1e400", "0001-01-01", "9999-12-31", "2026-02-30", "..", "../x", "名称", "企业名称",
        "统一社会信用代码", "执法证号", "year: ", "office: ", "campaigns: ", "id: ", "\n---\n", "~", "null", "true", new string('长', 300),
    ];

    private readonly TempFolder _dir = new();
    private readonly Random _random = new(Seed);

    public void Dispose() => _dir.Dispose();

    private string Mutate(string text)
    {
        var mutated = text;
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var at = _random.Next(mutated.Length + 1);
            var length = _random.Next(Math.Min(40, mutated.Length - at) + 1);
            mutated = _random.Next(5) switch
            {
                0 => mutated[..at],                                                                  // truncated save
                1 => mutated.Remove(at, length),                                                     // a span deleted
                2 => mutated.Insert(at, mutated.Substring(at, length)),                              // a span doubled
                3 => mutated.Remove(at, length).Insert(at, Tokens[_random.Next(Tokens.Length)]),    // a span replaced
                _ => mutated.Insert(at, Tokens[_random.Next(Tokens.Length)]),                        // a token inserted
            };
        }
        return mutated;
    }

    /// <summary>Mostly UTF-8; now and then GBK bytes or a stray invalid byte, as another editor would save.</summary>
    private byte[] Encode(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return _random.Next(10) switch
        {
            0 => Encoding.GetEncoding("GBK").GetBytes(text),
            1 => [.. Encoding.UTF8.GetBytes(text), 0xC3],
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    [Fact]
    public void Plans_MutatedYaml_ParseToAPlanOrLocatedProblems_AndEveryAcceptedPlanHasATimeline()
    {
        var sample = File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));
        var calendar = new WorkingCalendar([]);
        var accepted = 0;
        for (var i = 0; i < 250; i++)
        {
            var yaml = Mutate(i % 2 == 0 ? sample : PlanParserTests_Valid);
            var (_, result) = PlanText.Parse(Encode(yaml), "fuzz.yaml");

            (result.Plan is null).ShouldBe(result.HasErrors, $"case {i}");
            result.Problems.ShouldAllBe(p => p.Location.File == "fuzz.yaml" && p.Location.Line >= 1 && p.Location.Column >= 1 && p.Message.Length > 0);
            if (result.Plan is { } plan)
            {
                // A plan validate accepts must be one every tick can compute (2147483647 working days once was not).
                CampaignTimeline.For(plan, calendar).ShouldNotBeNull();
                accepted++;
            }
        }
        accepted.ShouldBeGreaterThan(0, "some mutations (a comment touched, a name changed) leave a valid plan");
    }

    private static string PlanParserTests_Valid => Core.Plans.PlanParserTests.Valid;

    private const string EntityHeader = "名称,统一社会信用代码,住所,法定代表人,行业,区域,信用风险分类,状态";

    private static string[][] EntityRows =>
    [
        .. Enumerable.Range(1, 3).Select(i =>
        {
            var first17 = $"91350100M0001{i:D3}Y";
            return new[] { $"清河县网吧{i}", first17 + Uscc.CheckCharacter(first17), $"葛仙庄镇{i}号", "张三", "互联网上网服务营业场所", "葛仙庄镇", "A", "存续" };
        }),
    ];

    [Fact]
    public void DirectoryImport_MutatedCsvAndXlsx_ExitZeroOrOne_DirectoryUnchangedOnOne()
    {
        var folder = _dir.File("directories");
        using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?>
        {
            ["Campaigns:Database"] = _dir.File("campaigns.db"),
            ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
            ["Campaigns:Directories"] = folder,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var csv = string.Join("\n", [EntityHeader, .. EntityRows.Select(r => string.Join(",", r))]) + "\n";
        var sheetData = RawXlsx.Rows([EntityHeader.Split(','), .. EntityRows]);
        var exits = new List<int>();
        var output = (Console.Out, Console.Error);
        try
        {
            // The command's own lines are not what is checked here; they would only flood the test log.
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            for (var i = 0; i < 300; i++)
            {
                var xlsx = i % 2 == 1;
                var file = _dir.File($"case{i}.{(xlsx ? "xlsx" : "csv")}");
                File.WriteAllBytes(file, xlsx ? MutatedWorkbook(sheetData) : Encode(Mutate(csv)));
                var before = Hash(folder);

                var exit = DirectoryCommand.Import(host.Services, new FileInfo(file), kind: null);

                exit.ShouldBeOneOf([0, 1], $"case {i}");
                if (exit == 1)
                {
                    Hash(folder).ShouldBe(before, $"case {i} failed but changed the directories");
                }
                exits.Add(exit);
            }
        }
        finally
        {
            Console.SetOut(output.Out);
            Console.SetError(output.Error);
        }
        exits.ShouldContain(0, "some mutations leave a good sheet");
        exits.ShouldContain(1);
    }

    /// <summary>The good workbook with one part mutated as text, a part dropped, or the zip's bytes damaged.</summary>
    private byte[] MutatedWorkbook(string sheetData)
    {
        var parts = RawXlsx.Parts(sheetData);
        var names = parts.Keys.ToList();
        switch (_random.Next(8))
        {
            case 0:
                parts.Remove(names[_random.Next(names.Count)]);
                return RawXlsx.Zip(parts);
            case 1:
                var zip = RawXlsx.Zip(parts);
                for (var n = _random.Next(1, 8); n > 0; n--)
                {
                    zip[_random.Next(zip.Length)] ^= (byte)_random.Next(1, 256);
                }
                return zip;
            default:
                var name = _random.Next(3) == 0 ? names[_random.Next(names.Count)] : "xl/worksheets/sheet1.xml";
                parts[name] = Mutate(parts[name]);
                return RawXlsx.Zip(parts);
        }
    }

    private static string Hash(string folder) => !Directory.Exists(folder) ? "" : string.Join("|", Directory.GetFiles(folder).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)}:{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
