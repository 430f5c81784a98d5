using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Cli;

/// <summary>bench-tick at a tiny scale: that it runs the year and prints its table, never how fast (timings belong to ops/bench-tick).</summary>
public class BenchTickCliTests
{
    [Fact]
    public async Task BenchTick_TinyProvince_PrintsEveryDayAndTheOverdueDayQueuesMessages()
    {
        var result = await CliProcess.Run("bench-tick", "--campaigns", "20", "--entities", "20000", "--runs", "1");

        result.ExitCode.ShouldBe(0, result.Error);
        var rows = result.Out.Split('\n', StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length >= 10 && cells[0] is "draw" or "nothing-due" or "deadline" or "overdue")
            .ToDictionary(cells => cells[0]);
        rows.Keys.ShouldBe(["draw", "nothing-due", "deadline", "overdue"], ignoreOrder: true);
        // Columns: day, date, runs, min, median, max, transitions, flags, queued, peak working set.
        int.Parse(rows["draw"][6]).ShouldBe(40, "Draw and Notify for each of the 20 campaigns");
        int.Parse(rows["nothing-due"][8]).ShouldBe(0);
        int.Parse(rows["overdue"][7]).ShouldBeGreaterThan(0, "results-overdue flags");
        int.Parse(rows["overdue"][8]).ShouldBeGreaterThan(0, "breach reports and overdue notices");
    }

    [Fact]
    public async Task BenchTick_TinyProvinceOnPostgreSql_SavesAndRestoresTheDatabaseBetweenRuns()
    {
        var result = await CliProcess.Run("bench-tick", "--campaigns", "10", "--entities", "20000", "--runs", "2", "--postgres", PostgresServer.ConnectionString);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("store PostgreSQL");
        var overdue = result.Out.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("overdue ")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Two runs from the same saved state raise the same flags: the restore put the day back.
        overdue[2].ShouldBe("2");
        int.Parse(overdue[7]).ShouldBeGreaterThan(0);
    }
}
