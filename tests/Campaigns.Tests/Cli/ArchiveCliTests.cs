using System.IO.Compression;
using Campaigns.Core.Lifecycle;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Tests.Cli;

/// <summary>One simulated on-time year of the sample plan, shared by the archive tests that need reported campaigns.</summary>
public sealed class ReportedYear : IAsyncLifetime
{
    public TempFolder Folder { get; } = new();

    public Dictionary<string, string> Environment => new()
    {
        ["Campaigns__Database"] = Folder.File("campaigns.db"),
        ["Campaigns__Documents"] = Folder.File("documents"),
        ["Campaigns__Plans"] = "config/plans/2026.yaml",
    };

    public async Task InitializeAsync()
    {
        var simulate = await CliProcess.SimulateSample("2026-01-01", "2026-12-31", Folder.Path, "--results", "on-time", "--no-archive");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
    }

    public Task DisposeAsync()
    {
        Folder.Dispose();
        return Task.CompletedTask;
    }
}

public class ArchiveCliTests(ReportedYear year) : IClassFixture<ReportedYear>, IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ArchiveNow_ReportedCampaign_BundleVerifies_FiledAgainAfterTheTickArchives()
    {
        var result = await CliProcess.Run(year.Environment, "archive", "--campaign", "qh-2026-netcafe", "--now", "--out", _dir.Path);
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("已申请立卷归档");
        var bundle = _dir.File("qh-2026-netcafe.archive.zip");
        result.Out.ShouldContain("已记入审计记录第");
        using (var zip = ZipFile.OpenRead(bundle))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            names.ShouldBe([.. names.Order(StringComparer.Ordinal)], customMessage: "entries in ordinal order");
            names.ShouldContain("manifest.json");
            names.ShouldContain("documents/draw-record.json");
            // The draw's directory snapshot is kept once beside the bundles, not in each: the manifest names it.
            names.ShouldNotContain("documents/snapshot/inspectors.csv");
            var manifest = Campaigns.Archive.CampaignArchive.ReadManifest(Campaigns.Archive.ArchiveBundle.Read(bundle).Single(e => e.Path == "manifest.json").Content)!;
            var inspectors = manifest.Shared.ShouldNotBeNull().Single(f => f.Path == "documents/snapshot/inspectors.csv");
            var kept = Path.Combine(_dir.Path, "snapshots", inspectors.Sha256, "inspectors.csv");
            Campaigns.Archive.SharedSnapshots.Hash(kept).ShouldBe((inspectors.Sha256, inspectors.Size));
            File.ReadAllBytes(kept).ShouldBe(File.ReadAllBytes(year.Folder.File("documents", "2026", "qh-2026-netcafe", "snapshot", "inspectors.csv")));
            names.ShouldContain("documents/group-1.ics");
            names.ShouldContain("documents/summary-report.html");
            names.Where(n => n.StartsWith("records/", StringComparison.Ordinal)).ShouldBe(["records/audit-trail.json", "records/corrections.json",
                "records/deliveries.json", "records/draw.json", "records/follow-up-closures.json", "records/publication.json",
                "records/results-as-entered.json", "records/results.json", "records/substitutions.json", "records/transitions.json"]);
        }

        var verify = await CliProcess.Run("archive", "verify", bundle);
        verify.ExitCode.ShouldBe(0, verify.Out + verify.Error);
        verify.Out.ShouldContain("一致");
        verify.Out.ShouldContain("（match）");

        // The shared copy is checked as the bundle's own files are: changed, or gone.
        var shared = Directory.GetFiles(Path.Combine(_dir.Path, "snapshots"), "inspectors.csv", SearchOption.AllDirectories).Single();
        var original = File.ReadAllBytes(shared);
        File.WriteAllBytes(shared, [.. original, (byte)'\n']);
        var changed = await CliProcess.Run("archive", "verify", bundle);
        changed.ExitCode.ShouldBe(1, changed.Out + changed.Error);
        changed.Out.ShouldContain("已改动：documents/snapshot/inspectors.csv（归档包旁的共享快照 snapshots/");
        File.Delete(shared);
        var missing = await CliProcess.Run("archive", "verify", bundle);
        missing.ExitCode.ShouldBe(1, missing.Out + missing.Error);
        missing.Out.ShouldContain("缺失：documents/snapshot/inspectors.csv");
        File.WriteAllBytes(shared, original);
        var printed = result.Out.Split('\n').Single(l => l.StartsWith("清单 manifest.json 的 SHA-256：", StringComparison.Ordinal)).Trim();
        verify.Out.ShouldContain(printed);

        // Asked again, on another day or not: the request stands from its first date; the bundle filed again carries the
        // first filing (its manifest's SHA-256) in its audit records, and verifies against the store's record of itself.
        var again = await CliProcess.Run(year.Environment, "archive", "--campaign", "qh-2026-netcafe", "--now", "--out", _dir.Path);
        again.ExitCode.ShouldBe(0, again.Error);
        again.Out.ShouldContain("立卷归档已于");
        var firstSha = printed["清单 manifest.json 的 SHA-256：".Length..];
        System.Text.Encoding.UTF8.GetString(Campaigns.Archive.ArchiveBundle.Read(bundle).Single(e => e.Path == "records/audit-trail.json").Content).ShouldContain(firstSha);
        var recorded = await CliProcess.Run(year.Environment, "archive", "verify", bundle);
        recorded.ExitCode.ShouldBe(0, recorded.Out + recorded.Error);
        recorded.Out.ShouldContain("与数据库记录相符");

        // The request is what the lifecycle's guard reads: the next tick on or after its date archives the campaign.
        var store = CampaignStore.Open(year.Folder.File("campaigns.db"));
        var requested = store.LoadFacts(SamplePlan()).For("qh-2026-netcafe").ArchiveRequestedOn.ShouldNotBeNull();
        var clock = new SimulatedClock(new DateTimeOffset(requested.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        using (var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Database"] = year.Folder.File("campaigns.db"),
            ["Campaigns:Documents"] = year.Folder.File("documents"),
            ["Campaigns:MailPickup"] = year.Folder.File("mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        }, services => services.AddSingleton<TimeProvider>(clock)))
        {
            host.Services.GetRequiredService<TickService>().Tick();
        }
        store.Campaigns().Single(c => c.Id == "qh-2026-netcafe").State.ShouldBe(nameof(CampaignState.Archived));
        store.Campaigns().Single(c => c.Id == "qh-2026-entertainment").State.ShouldBe(nameof(CampaignState.Reported), "only a campaign asked for (no test here asks for this one)");
        store.AuditTrailOf("qh-2026-netcafe").Select(e => e.Action).TakeLast(4).ShouldBe(["archive-requested", "archive-filed", "archive-filed", "transition"]);
        // Bundles filed at once, before the archiving, do not record it: the archived campaign is owed one by the worker.
        store.ArchivesOwed().ShouldContain("qh-2026-netcafe");
        store.VerifyAuditTrail().ShouldBeNull();
    }

    [Fact]
    public async Task Archive_WithoutNow_RecordsTheRequest_TheWorkerFilesTheBundleOnceTheTickHasArchived()
    {
        // A copy of the reported year, so this campaign's request and archiving stay out of the other tests' store.
        Copy(year.Folder.Path, _dir.Path);
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Database"] = _dir.File("campaigns.db"),
            ["Campaigns__Documents"] = _dir.File("documents"),
            ["Campaigns__Plans"] = "config/plans/2026.yaml",
        };
        var misused = await CliProcess.Run(environment, "archive", "--campaign", "qh-2026-entertainment", "--out", _dir.File("elsewhere"));
        misused.ExitCode.ShouldBe(1);
        misused.Error.ShouldContain("--out 只能与 --now 一起使用");

        var result = await CliProcess.Run(environment, "archive", "--campaign", "qh-2026-entertainment");
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("已申请立卷归档");
        result.Out.ShouldContain($"随后由 worker 生成归档包，写入 {_dir.File("archive")}");
        result.Out.ShouldContain("--now 立即生成归档包");
        Directory.Exists(_dir.File("archive")).ShouldBeFalse("the worker files the bundle, not the command");

        var store = CampaignStore.Open(_dir.File("campaigns.db"));
        var requested = store.LoadFacts(SamplePlan()).For("qh-2026-entertainment").ArchiveRequestedOn.ShouldNotBeNull();
        var clock = new SimulatedClock(new DateTimeOffset(requested.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));
        using var host = WorkerHost.Build([], schedule: false, new Dictionary<string, string?>
        {
            ["Campaigns:Plans"] = Repository.Path("config", "plans", "2026.yaml"),
            ["Campaigns:Directories"] = Repository.Path("config", "directories"),
            ["Campaigns:Database"] = _dir.File("campaigns.db"),
            ["Campaigns:Documents"] = _dir.File("documents"),
            ["Campaigns:MailPickup"] = _dir.File("mail"),
            ["Logging:LogLevel:Default"] = "Warning",
        }, services => services.AddSingleton<TimeProvider>(clock));
        host.Services.GetRequiredService<TickService>().Tick();
        store.Campaigns().Single(c => c.Id == "qh-2026-entertainment").State.ShouldBe(nameof(CampaignState.Archived));
        var waiting = await CliProcess.Run(environment, "archive", "--campaign", "qh-2026-entertainment");
        waiting.Out.ShouldContain("worker 的后台任务正在生成归档包");

        // What the worker's ArchiveJob runs; run twice, it files once.
        var filer = host.Services.GetRequiredService<Campaigns.Archive.ArchiveFiler>();
        var filed = filer.FileOwed("qh-2026-entertainment", Campaigns.Jobs.ArchiveJob.Actor).ShouldNotBeNull();
        filer.FileOwed("qh-2026-entertainment", Campaigns.Jobs.ArchiveJob.Actor).ShouldBeNull();
        filed.Path.ShouldBe(_dir.File("archive", "qh-2026-entertainment.archive.zip"));

        var done = await CliProcess.Run(environment, "archive", "--campaign", "qh-2026-entertainment");
        done.ExitCode.ShouldBe(0, done.Error);
        done.Out.ShouldContain($"归档包已生成：{filed.Path}");
        done.Out.ShouldContain($"清单 manifest.json 的 SHA-256：{filed.Bundle.ManifestSha256}");
        var verify = await CliProcess.Run(environment, "archive", "verify", filed.Path);
        verify.ExitCode.ShouldBe(0, verify.Out + verify.Error);
        verify.Out.ShouldContain("与数据库记录相符");
        store.AuditTrailOf("qh-2026-entertainment").Select(e => e.Action).TakeLast(3).ShouldBe(["archive-requested", "transition", "archive-filed"]);
    }

    /// <summary>Copies a folder's files and subfolders, as an admin copying a store and its documents would.</summary>
    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [Fact]
    public async Task ArchiveVerify_OneByteOfOneEntryChanged_ExitOneNamingThatFile()
    {
        var result = await CliProcess.Run(year.Environment, "archive", "--campaign", "qh-2026-food", "--now", "--out", _dir.Path);
        result.ExitCode.ShouldBe(0, result.Error);
        var bundle = _dir.File("qh-2026-food.archive.zip");
        var tampered = _dir.File("tampered.zip");
        Rewrite(bundle, tampered, (name, content) =>
        {
            if (name == "documents/results-publicity.html")
            {
                content[content.Length / 2] ^= 0x01;
            }
            return content;
        });

        var verify = await CliProcess.Run("archive", "verify", tampered);
        verify.ExitCode.ShouldBe(1, verify.Out);
        verify.Out.Split('\n').Where(l => l.StartsWith("已改动", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldContain("documents/results-publicity.html");
        verify.Out.ShouldContain("不一致：1处不同");
    }

    [Fact]
    public async Task ArchiveVerify_FileChangedAndManifestRecomputed_TheStoresRecordShowsIt_WithoutAStoreSaysSoPlainly()
    {
        var result = await CliProcess.Run(year.Environment, "archive", "--campaign", "qh-2026-food", "--now", "--out", _dir.Path);
        result.ExitCode.ShouldBe(0, result.Error);
        var bundle = _dir.File("qh-2026-food.archive.zip");
        // The forger's bundle: one document changed and the manifest recomputed over it, so it is consistent in itself.
        var files = Campaigns.Archive.ArchiveBundle.Read(bundle).Where(e => e.Path != "manifest.json")
            .ToDictionary(e => e.Path, e => e.Path == "documents/results-publicity.html" ? e.Content.Append((byte)' ').ToArray() : e.Content, StringComparer.Ordinal);
        var manifest = Campaigns.Archive.CampaignArchive.ReadManifest(Campaigns.Archive.ArchiveBundle.Read(bundle).Single(e => e.Path == "manifest.json").Content)!;
        files["manifest.json"] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            manifest with { Files = Campaigns.Core.Archive.ArchiveManifest.Describe(files) }, Campaigns.Archive.CampaignArchive.Json);
        var forged = _dir.File("forged.zip");
        File.WriteAllBytes(forged, Campaigns.Archive.ArchiveBundle.Create(files, new DateOnly(2026, 12, 1)));

        var verify = await CliProcess.Run(year.Environment, "archive", "verify", forged);
        verify.ExitCode.ShouldBe(1, verify.Out);
        verify.Out.ShouldContain("与数据库记录不符");
        verify.Out.ShouldContain("（not recorded）");

        var alone = await CliProcess.Run(new Dictionary<string, string> { ["Campaigns__Database"] = _dir.File("none.db") }, "archive", "verify", forged);
        alone.ExitCode.ShouldBe(0, alone.Out);
        alone.Out.ShouldContain("只能检查归档包内部是否一致：数据库文件不存在");
        File.Exists(_dir.File("none.db")).ShouldBeFalse("verify must not create a store");
    }

    [Fact]
    public async Task ArchiveVerify_EntryRemovedAndOneAdded_NamesBoth()
    {
        var result = await CliProcess.Run(year.Environment, "archive", "--campaign", "qh-2026-pharmacy", "--now", "--out", _dir.Path);
        result.ExitCode.ShouldBe(0, result.Error);
        var tampered = _dir.File("tampered.zip");
        Rewrite(_dir.File("qh-2026-pharmacy.archive.zip"), tampered, (name, content) => name == "records/results.json" ? null : content,
            extra: ("documents/note.txt", "补充说明"u8.ToArray()));

        var verify = await CliProcess.Run("archive", "verify", tampered);
        verify.ExitCode.ShouldBe(1, verify.Out);
        verify.Out.ShouldContain("缺失：records/results.json");
        verify.Out.ShouldContain("多出：documents/note.txt");
    }

    [Fact]
    public async Task Archive_CampaignNotYetReported_RefusedWithNothingWritten()
    {
        var simulate = await CliProcess.SimulateSample("2026-04-14", "2026-06-01", _dir.Path);
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Database"] = _dir.File("campaigns.db"),
            ["Campaigns__Documents"] = _dir.File("documents"),
            ["Campaigns__Plans"] = "config/plans/2026.yaml",
        };

        var result = await CliProcess.Run(environment, "archive", "--campaign", "qh-2026-netcafe");
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("当前状态为“结果录入中”");
        result.Error.ShouldContain("未写入任何文件");
        Directory.Exists(_dir.File("archive")).ShouldBeFalse();
        var store = CampaignStore.Open(_dir.File("campaigns.db"));
        store.LoadFacts(SamplePlan()).For("qh-2026-netcafe").ArchiveRequestedOn.ShouldBeNull();
        store.AuditTrailOf("qh-2026-netcafe").ShouldNotContain(e => e.Action == "archive-requested");

        var unknown = await CliProcess.Run(environment, "archive", "--campaign", "qh-2099-none");
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldContain("数据库中没有抽查任务“qh-2099-none”");
    }

    private static Campaigns.Core.Plans.AnnualPlan SamplePlan() => Campaigns.Core.Plans.PlanParser.Parse(
        File.ReadAllText(Repository.Path("config", "plans", "2026.yaml")), "2026.yaml").Plan!;

    /// <summary>Copies a zip entry by entry through <paramref name="change"/> (null drops the entry), as someone editing a bundle would.</summary>
    private static void Rewrite(string from, string to, Func<string, byte[], byte[]?> change, (string Name, byte[] Content)? extra = null)
    {
        using var source = ZipFile.OpenRead(from);
        using var target = ZipFile.Open(to, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            if (change(entry.FullName, buffer.ToArray()) is { } content)
            {
                using var output = target.CreateEntry(entry.FullName).Open();
                output.Write(content);
            }
        }
        if (extra is { } added)
        {
            using var output = target.CreateEntry(added.Name).Open();
            output.Write(added.Content);
        }
    }
}
