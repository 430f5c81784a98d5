using System.Security.Cryptography;
using Campaigns.Cli;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Integration;

/// <summary>
/// Simulate ticks every day, but after a day that wrote nothing it does not read the campaigns' states again, nor look in
/// the outbox or the archive ledger: nothing can have changed or fallen due. Held to the runner that looks every day.
/// </summary>
public sealed class SimulatedQuietDaysTests : IDisposable
{
    private readonly TempFolder _skipping = new();
    private readonly TempFolder _everyDay = new();

    public void Dispose()
    {
        _skipping.Dispose();
        _everyDay.Dispose();
    }

    private static Task<IReadOnlyList<SimulationEvent>> Simulate(string output, ResultMode mode, bool everyDay) => SimulateCommand.RunAsync(
        Repository.Path("config", "plans", "2026.yaml"), Repository.Path("config", "directories"), output,
        new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), mode, "test-seed", CancellationToken.None, everyDay: everyDay);

    /// <summary>Results late: entering results, closing follow-ups, confirming publications, archiving, and overdue flags all happen.</summary>
    [Fact]
    public async Task Simulate_DaysAfterOnesThatWroteNothing_SameEventsStoreDocumentsAndMailAsLookingEveryDay()
    {
        var skipping = await Simulate(_skipping.Path, ResultMode.Late, everyDay: false);
        var everyDay = await Simulate(_everyDay.Path, ResultMode.Late, everyDay: true);

        skipping.ShouldBe(everyDay);
        // Quiet stretches lie between the events: the skipping was exercised, not bypassed.
        skipping.Select(e => e.Date).Distinct().Count().ShouldBeLessThan(200);
        var (a, b) = (CampaignStore.Open(_skipping.File("campaigns.db")), CampaignStore.Open(_everyDay.File("campaigns.db")));
        // Every write is audited with the simulated clock's time and chained: the same head is the same writes in the same order.
        a.AuditHead().ShouldNotBeNull().ShouldBeEquivalentTo(b.AuditHead());
        a.Deliveries().Select(d => (d.IdempotencyKey, d.State, d.Attempts, d.SentAt)).ShouldBe(b.Deliveries().Select(d => (d.IdempotencyKey, d.State, d.Attempts, d.SentAt)));
        a.Deliveries().ShouldAllBe(d => d.State == "sent");
        Files(_skipping.File("documents")).ShouldBe(Files(_everyDay.File("documents")));
        Files(_skipping.File("archive")).ShouldBe(Files(_everyDay.File("archive")));
        Directory.GetFiles(_skipping.File("mail")).Select(Path.GetFileName).Order().ShouldBe(Directory.GetFiles(_everyDay.File("mail")).Select(Path.GetFileName).Order());
    }

    private static List<string> Files(string folder) => Directory.Exists(folder)
        ? [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}")]
        : [];
}
