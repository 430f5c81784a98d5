using Campaigns.Cli;
using Campaigns.Simulation;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Engine;

/// <summary>
/// Plans tick in parallel (issue 17), yet a year must come out the same whatever the parallelism: the same records in the
/// same order (each campaign's audit rows but the outbox's), the same draws with the same year
/// sequence across plans, the same mail under the same Message-IDs, the same documents.
/// </summary>
public sealed class ParallelTickTests : IDisposable
{
    private const int Plans = 6;
    private readonly TempFolder _folder = new();

    public ParallelTickTests()
    {
        Directory.CreateDirectory(_folder.File("plans"));
        for (var county = 0; county < Plans; county++)
        {
            File.WriteAllText(_folder.File("plans", ProvincePlans.FileName(county)), ProvincePlans.Yaml(county, 3));
        }
        ProvinceDirectoryFiles.Write(_folder.File("directories"), 6_000, 300, Plans);
    }

    public void Dispose() => _folder.Dispose();

    private Task<IReadOnlyList<SimulationEvent>> Year(string output, int parallelism) => SimulateCommand.RunAsync(
        _folder.File("plans"), _folder.File("directories"), _folder.File(output),
        new DateOnly(2026, 3, 1), new DateOnly(2026, 7, 31), ResultMode.Late, "parallel-test", CancellationToken.None, parallelism: parallelism);

    [Fact]
    public async Task Simulate_SerialAndParallel_SameRecordsMailAndDocumentsByteForByte()
    {
        var serialEvents = await Year("serial", parallelism: 1);
        var parallelEvents = await Year("parallel", parallelism: 4);

        parallelEvents.ShouldBe(serialEvents);
        serialEvents.Count(e => e.Event == "transition" && e.ToState == "Drawn").ShouldBe(Plans * 3);
        var serial = CampaignStore.Open(_folder.File("serial", "campaigns.db"));
        var parallel = CampaignStore.Open(_folder.File("parallel", "campaigns.db"));
        parallel.VerifyAuditTrail().ShouldBeNull();
        foreach (var campaign in serial.Campaigns())
        {
            // The outbox marks what its connections sent in group commits, in whatever order they finish, parallel tick
            // or not, and an archive bundle records the trail's head, so it differs with them; every other row is the
            // tick's and must come out the same and in the same order.
            static IEnumerable<(string, string, string)> Rows(CampaignStore store, string id) => store.AuditTrailOf(id)
                .Where(a => a.Action != "delivery-sent")
                .Select(a => (a.Action, a.At, a.Action == "archive-filed" ? "" : a.DetailJson));
            Rows(parallel, campaign.Id).ShouldBe(Rows(serial, campaign.Id));
        }
        parallel.TransitionLog().ShouldBe(serial.TransitionLog());
        parallel.Deliveries().Select(d => (d.IdempotencyKey, d.RecipientEmail, d.Subject)).ShouldBe(serial.Deliveries().Select(d => (d.IdempotencyKey, d.RecipientEmail, d.Subject)));
        // Draw numbers run across plans in file order: the yearly sequence must not depend on which plan finished first.
        serial.Campaigns().Select(c => (c.Id, parallel.Draw(c.Id)!.YearSequence)).ShouldBe(serial.Campaigns().Select(c => (c.Id, serial.Draw(c.Id)!.YearSequence)));
        // Mail files are named by Message-ID; their bytes differ run to run anyway (MIME boundaries are random).
        var mail = Names("serial", "mail");
        mail.Count.ShouldBeGreaterThan(100);
        Names("parallel", "mail").SequenceEqual(mail).ShouldBeTrue("the parallel year's Message-IDs differ from the serial year's");
        var documents = Contents("serial", "documents");
        documents.Count.ShouldBeGreaterThan(100);
        Contents("parallel", "documents").SequenceEqual(documents).ShouldBeTrue("the parallel year's documents differ from the serial year's");
    }

    private List<string> Names(string run, string folder) =>
        [.. Directory.GetFiles(_folder.File(run, folder), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Every file under the run's folder, by relative path (Message-IDs name the mail files), with its bytes.</summary>
    private List<(string Path, string Sha256)> Contents(string run, string folder)
    {
        var root = _folder.File(run, folder);
        return [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}snapshot{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }
}
