using System.CommandLine;
using System.Diagnostics;
using Campaigns.Core.Directories;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;

namespace Campaigns.Cli;

/// <summary>
/// Times a full draw over a generated province-sized directory (a benchmark, not a test): eligibility with the
/// yearly cap, stratified sampling in four risk classes, groups and conflicts. Prints wall time and memory.
/// </summary>
public static class BenchDrawCommand
{
    public static Command Create()
    {
        var entities = new Option<int>("--entities") { Description = "entities in the directory", DefaultValueFactory = _ => 1_000_000 };
        var inspectors = new Option<int>("--inspectors") { Description = "inspectors in the directory", DefaultValueFactory = _ => 5_000 };
        var command = new Command("bench-draw", "Benchmark: one stratified draw over a generated directory.") { entities, inspectors };
        command.SetAction(parse =>
        {
            var (directory, staff) = Generate(parse.GetValue(entities), parse.GetValue(inspectors));
            var plan = new AnnualPlan(2026, new Office("办公室", "Asia/Shanghai", new DateOnly(2026, 3, 31), null, []), [],
                [.. Enumerable.Range(0, 5).Select(d => new Department($"d{d}", $"部门{d}", []))], PlanRules.Default, [], "bench");
            var campaign = new CampaignPlan("bench", "基准", "d0", ["d1", "d2", "d3", "d4"], new CampaignScope("网吧", null),
                new Sampling(0.05m, 1, new Dictionary<string, decimal> { ["A"] = 0.03m, ["B"] = 0.05m, ["C"] = 0.10m, ["D"] = 0.20m }),
                2, new Dictionary<string, IReadOnlyList<string>>(), new DateOnly(2026, 4, 1),
                new DateRange(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), true, null, PlanRules.Default, "bench-seed", Groups: 50);
            var capped = directory.Where((_, i) => i % 97 == 0).ToDictionary(e => e.Uscc, _ => 2);
            var before = GC.GetTotalMemory(true);
            var clock = Stopwatch.StartNew();
            var outcome = DoubleRandomDraw.Run(plan, campaign, new DrawInput("bench-seed", new DateOnly(2026, 4, 1), directory, staff, "bench", capped));
            clock.Stop();
            var draw = outcome.Draw ?? throw new InvalidOperationException(outcome.Refusal);
            Console.WriteLine($"entities {directory.Count:N0}, inspectors {staff.Count:N0}: drew {draw.Entities.Count:N0} of {draw.EligibleCount:N0} in {draw.Groups.Count} groups " +
                $"({draw.Recusals.Count} recusals) in {clock.Elapsed.TotalMilliseconds:N0} ms; " +
                $"managed heap {GC.GetTotalMemory(false) / 1_048_576:N0} MiB (directory {before / 1_048_576:N0} MiB), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MiB");
            return 0;
        });
        return command;
    }

    private static (List<MarketEntity> Entities, List<Inspector> Inspectors) Generate(int entities, int inspectors)
    {
        string[] classes = ["A", "B", "C", "D"];
        var list = new List<MarketEntity>(entities);
        for (var i = 0; i < entities; i++)
        {
            var first17 = $"9113{i:D13}";
            list.Add(new MarketEntity(first17 + Uscc.CheckCharacter(first17), "对象", "地址", "法人", "网吧", "城区", classes[i % 4],
                i % 50 == 0 ? EntityStatus.Deregistered : EntityStatus.Active));
        }
        var staff = Enumerable.Range(0, inspectors).Select(i => new Inspector($"C{i:D6}", "检查员", "男", $"d{i % 5}", "科员",
            new DateOnly(2027, 12, 31), null, null, i % 10 == 0 ? [list[i * 7 % list.Count].Uscc] : [])).ToList();
        return (list, staff);
    }
}
