using System.CommandLine;
using System.Diagnostics;
using Campaigns.Core.Draws;
using Campaigns.Core.Plans;

namespace Campaigns.Cli;

/// <summary>
/// Times a full draw over a generated province-sized directory (a benchmark, not a test): eligibility with the
/// yearly cap, stratified sampling in four risk classes, 50 groups and conflicts. With --postgres, PostgreSQL does
/// the same entity selection (ORDER BY random() LIMIT k per stratum) on the same rows in the same run.
/// </summary>
public static class BenchDrawCommand
{
    private const string Seed = "bench-seed";

    public static Command Create()
    {
        var entities = new Option<int>("--entities") { Description = "entities in the directory", DefaultValueFactory = _ => 1_000_000 };
        var inspectors = new Option<int>("--inspectors") { Description = "inspectors in the directory", DefaultValueFactory = _ => 5_000 };
        var runs = new Option<int>("--runs") { Description = "draws to time (the first includes JIT compilation)", DefaultValueFactory = _ => 3 };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string: also time PostgreSQL's selection on the same rows" };
        var command = new Command("bench-draw", "Benchmark: one stratified draw over a generated directory.") { entities, inspectors, runs, postgres };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(entities);
            var plan = new AnnualPlan(2026, new Office("办公室", "Asia/Shanghai", new DateOnly(2026, 3, 31), null, []), [],
                [.. Enumerable.Range(0, 5).Select(d => new Department($"d{d}", $"部门{d}", []))], PlanRules.Default, [], "bench");
            var campaign = new CampaignPlan("bench", "基准", "d0", ["d1", "d2", "d3", "d4"], new CampaignScope(ProvinceDirectory.Industry, null),
                new Sampling(0.05m, 1, new Dictionary<string, decimal> { ["A"] = 0.03m, ["B"] = 0.05m, ["C"] = 0.10m, ["D"] = 0.20m }),
                2, new Dictionary<string, IReadOnlyList<string>>(), new DateOnly(2026, 4, 1),
                new DateRange(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), true, null, PlanRules.Default, Seed, Groups: 50);

            var clock = Stopwatch.StartNew();
            var index = ProvinceDirectory.Index(n);
            var indexTime = clock.Elapsed;
            var staff = ProvinceDirectory.Inspectors(parse.GetValue(inspectors), n);
            var input = new DrawInput(Seed, new DateOnly(2026, 4, 1), index, staff, [new SnapshotFile("entities.csv", "bench"), new SnapshotFile("inspectors.csv", "bench")],
                ProvinceDirectory.JointChecks(n, PlanRules.Default.MaxJointChecksPerEntityPerYear));
            Console.WriteLine($"directory: {n:N0} entities, {staff.Count:N0} inspectors; generated and indexed in {indexTime.TotalMilliseconds:N0} ms, " +
                $"managed heap {GC.GetTotalMemory(true) / 1_048_576:N0} MiB");

            Draw? draw = null;
            var drawTimes = new List<double>();
            for (var run = 0; run < parse.GetValue(runs); run++)
            {
                clock.Restart();
                var outcome = DoubleRandomDraw.Run(plan, campaign, input);
                drawTimes.Add(clock.Elapsed.TotalMilliseconds);
                draw = outcome.Draw ?? throw new InvalidOperationException(outcome.Refusal);
            }
            clock.Restart();
            EntitySelection.Select(campaign.Id, Seed, draw!.Rule, index);
            var selectionTime = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"draw: {draw.Entities.Count:N0} of {draw.EligibleCount:N0} eligible ({draw.Rule.Excluded.Count:N0} at the yearly cap) " +
                $"in {draw.Groups.Count} groups, {draw.Recusals.Count} recusals; full draw {string.Join(" / ", drawTimes.Select(t => $"{t:N0}"))} ms; " +
                $"entity selection alone {selectionTime:N0} ms");
            Console.WriteLine($"memory: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MiB");

            if (parse.GetValue(postgres) is { } connection)
            {
                var pg = await PostgresSelection.Time(connection, n, draw.Strata, cancellationToken);
                Console.WriteLine($"postgresql: loaded {n:N0} rows in {pg.Load.TotalMilliseconds:N0} ms; ORDER BY random() LIMIT k per stratum " +
                    $"drew {pg.Drawn:N0} in {pg.Select.TotalMilliseconds:N0} ms");
                Console.WriteLine($"ratio: postgresql selection / our entity selection = {pg.Select.TotalMilliseconds / selectionTime:N1}; " +
                    $"/ our full draw (best) = {pg.Select.TotalMilliseconds / drawTimes.Min():N1}");
            }
            return 0;
        });
        return command;
    }
}
