using System.CommandLine;
using Campaigns.Archive;
using Campaigns.Core.Archive;
using Campaigns.Core.Lifecycle;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>
/// `archive --campaign C`: asks for a reported campaign to be archived (立卷归档, 003 §27): the lifecycle's Archive
/// transition fires on the worker's next tick, and the worker's ArchiveJob then writes and files its bundle (one zip with a
/// manifest of hashes). `--now` writes and files a bundle in this process at once, for an admin without a running worker.
/// `archive verify BUNDLE`: recomputes every hash against the manifest, then checks the manifest against the store's
/// record of the filing (its SHA-256 in the audit trail), or says plainly that only internal consistency could be checked.
/// </summary>
public static class ArchiveCommand
{
    public static Command Create()
    {
        var campaign = new Option<string>("--campaign") { Description = "campaign id", Required = true };
        var now = new Option<bool>("--now") { Description = "write and file the bundle here and now, rather than leave it to the worker once it has archived the campaign" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "with --now: folder for the bundle (default: archive/ beside the documents folder, where the worker files)" };
        var command = new Command("archive", "Request the archive of a reported campaign; the worker archives it and files its bundle (zip with manifest.json).")
        {
            campaign, now, output,
        };
        command.SetAction(parse => CliServices.Run(services => Archive(services, parse.GetValue(campaign)!, parse.GetValue(now), parse.GetValue(output))));

        var bundle = new Argument<FileInfo>("bundle") { Description = "the archive bundle (.zip)" };
        var verify = new Command("verify", "Recompute every file's hash against the bundle's manifest: match, or which file differs, is missing or extra.") { bundle };
        verify.SetAction(parse => CliServices.Run(services => Verify(parse.GetValue(bundle)!, services.GetRequiredService<StoreProvider>())));
        command.Subcommands.Add(verify);
        return command;
    }

    private static int Archive(IServiceProvider services, string campaignId, bool atOnce, DirectoryInfo? output)
    {
        if (output is not null && !atOnce)
        {
            Console.Error.WriteLine("--out 只能与 --now 一起使用：worker 生成的归档包写入 documents 文件夹旁的 archive/；未记录任何申请");
            return 1;
        }
        var options = services.Options();
        var store = services.GetRequiredService<CampaignStore>();
        if (store.Campaigns().FirstOrDefault(c => c.Id == campaignId) is null)
        {
            Console.Error.WriteLine($"数据库中没有抽查任务“{campaignId}”（计划中没有，或 worker 尚未运行过它）；未写入任何文件");
            return 1;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var request = store.RequestArchive(campaignId, services.Today(services.PlanOf(campaignId)), now, "cli:archive");
        if (request.State is not (CampaignState.Reported or CampaignState.Archived) || request.RequestedOn is not { } requestedOn)
        {
            Console.Error.WriteLine(
                $"抽查任务“{campaignId}”当前状态为“{request.State?.ChineseName()}”，统计表和工作总结报送（已报送统计总结）后才能立卷归档；未写入任何文件");
            return 1;
        }
        var documents = options.Resolve(options.Documents);
        var folder = CampaignArchive.DefaultFolder(documents);
        if (!atOnce)
        {
            return Requested(store, campaignId, request, requestedOn, folder);
        }

        var campaign = store.Campaigns().Single(c => c.Id == campaignId);
        var filed = CampaignArchive.Write(store, campaign, requestedOn, documents, output?.FullName ?? folder, now, "cli:archive");
        var bundle = filed.Bundle;
        Console.WriteLine(request.Recorded
            ? $"已申请立卷归档（{requestedOn:yyyy-MM-dd}），并按现有记录立即生成归档包"
            : $"立卷归档已于{requestedOn:yyyy-MM-dd}申请，本次按现有记录立即重新生成归档包");
        if (request.State == CampaignState.Reported)
        {
            Console.WriteLine("worker 下次运行时抽查任务转为“已归档”，随后由 worker 再生成一份记有归档转换的归档包（写入 " + folder + "）");
        }
        if (bundle.Manifest.AuditTrail.FirstBrokenSeq is { } broken)
        {
            Console.Error.WriteLine($"注意：审计记录自第{broken}条起哈希链断裂，此后的记录可能被改动过；已如实记入清单");
        }
        Console.WriteLine($"归档包：{filed.Path}（{bundle.Manifest.Files.Count}个文件，{bundle.Zip.Length}字节）");
        Console.WriteLine($"清单 manifest.json 的 SHA-256：{bundle.ManifestSha256}");
        Console.WriteLine($"已记入审计记录第{filed.Seq}条（哈希链）；归档时的审计记录链头为第{bundle.Manifest.AuditTrail.HeadSeq}条，已写入清单");
        return 0;
    }

    /// <summary>What the office is told when the worker is to file the bundle: where it stands, and where the bundle goes.</summary>
    private static int Requested(CampaignStore store, string campaignId, ArchiveRequest request, DateOnly requestedOn, string folder)
    {
        if (request.State == CampaignState.Reported)
        {
            Console.WriteLine(request.Recorded
                ? $"已申请立卷归档（{requestedOn:yyyy-MM-dd}）：worker 下次运行时抽查任务转为“已归档”，随后由 worker 生成归档包，写入 {folder}"
                : $"立卷归档已于{requestedOn:yyyy-MM-dd}申请，等待 worker 将抽查任务转为“已归档”并生成归档包（写入 {folder}）");
            Console.WriteLine("worker 未在运行时，可用 campaigns archive --campaign " + campaignId + " --now 立即生成归档包");
            return 0;
        }
        if (store.ArchiveOwed(campaignId))
        {
            Console.WriteLine($"抽查任务已归档，worker 的后台任务正在生成归档包（写入 {folder}）；可在 /jobs 页面查看“archive {campaignId}”");
            return 0;
        }
        var filing = store.AuditTrailOf(campaignId).Last(e => e.Action == "archive-filed");
        using var detail = System.Text.Json.JsonDocument.Parse(filing.DetailJson);
        Console.WriteLine($"抽查任务已归档，归档包已生成：{Path.Combine(folder, detail.RootElement.GetProperty("bundle").GetString()!)}");
        Console.WriteLine($"清单 manifest.json 的 SHA-256：{detail.RootElement.GetProperty("manifestSha256").GetString()}");
        Console.WriteLine($"已记入审计记录第{filing.Seq}条（哈希链）；如需按现有记录重新生成，使用 --now");
        return 0;
    }

    private static int Verify(FileInfo file, StoreProvider store)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file}: 文件不存在");
            return 1;
        }
        IReadOnlyList<(ManifestFile File, byte[]? Content)> entries;
        try
        {
            // A manifest lists a campaign's files in a few hundred KB; 16 MB is more than any can need.
            entries = ArchiveBundle.Hashes(file.FullName, ArchiveManifest.FileName, 16 << 20);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"{file}: 不是可读取的 zip 归档包：{e.Message}");
            return 1;
        }
        var manifests = entries.Where(e => e.File.Path == ArchiveManifest.FileName).ToList();
        if (manifests.Count != 1)
        {
            Console.Error.WriteLine(manifests.Count == 0 ? $"{file}: 归档包中没有 {ArchiveManifest.FileName}" : $"{file}: 归档包中有{manifests.Count}个 {ArchiveManifest.FileName}");
            return 1;
        }
        if (manifests[0].Content is not { } manifestBytes)
        {
            Console.Error.WriteLine($"{file}: {ArchiveManifest.FileName} 超过 16 MB，不是本系统生成的清单");
            return 1;
        }
        ArchiveManifest? manifest;
        try
        {
            manifest = CampaignArchive.ReadManifest(manifestBytes);
        }
        catch (System.Text.Json.JsonException e)
        {
            Console.Error.WriteLine($"{file}: {ArchiveManifest.FileName} 无法读取：{e.Message}");
            return 1;
        }
        if (manifest?.Files is null)
        {
            Console.Error.WriteLine($"{file}: {ArchiveManifest.FileName} 没有文件清单");
            return 1;
        }

        var differences = BundleCheck.CompareHashes(manifest.Files, [.. entries.Where(e => e.File.Path != ArchiveManifest.FileName).Select(e => e.File)]);
        var sharedProblems = new List<string>();
        foreach (var shared in manifest.Shared ?? [])
        {
            // Kept beside the bundle, once for every bundle that drew from the same directory (SharedSnapshots). The manifest
            // names the file to read: a hash that is not one, or a path that is not plain, could name one elsewhere.
            if (shared.Sha256.Length != 64 || !shared.Sha256.All(char.IsAsciiHexDigitLower) || !BundleCheck.IsSafe(shared.Path))
            {
                sharedProblems.Add($"不安全的共享快照：{shared.Path}（清单中的 SHA-256 或文件名不合规，未读取）");
                continue;
            }
            var location = SharedSnapshots.Location(file.DirectoryName!, shared);
            var named = Path.GetRelativePath(file.DirectoryName!, location);
            if (!File.Exists(location))
            {
                sharedProblems.Add($"缺失：{shared.Path}（清单中有，归档包旁的共享快照 {named} 不存在）");
            }
            else if (SharedSnapshots.Hash(location) != (shared.Sha256, shared.Size))
            {
                sharedProblems.Add($"已改动：{shared.Path}（归档包旁的共享快照 {named} 的 SHA-256 或大小与清单不同）");
            }
        }
        foreach (var difference in differences)
        {
            Console.WriteLine(difference.Kind switch
            {
                BundleDifferenceKind.Changed => $"已改动：{difference.Path}（SHA-256 或大小与清单不同）",
                BundleDifferenceKind.Missing => $"缺失：{difference.Path}（清单中有，归档包中没有）",
                BundleDifferenceKind.Extra => $"多出：{difference.Path}（归档包中有，清单中没有）",
                BundleDifferenceKind.Unsafe => $"不安全的文件名：{difference.Path}（含“..”、绝对路径或盘符，解压时会写到归档文件夹以外）",
                _ => $"重复：{difference.Path}（归档包中出现多次）",
            });
        }
        sharedProblems.ForEach(Console.WriteLine);
        var manifestSha256 = manifests[0].File.Sha256;
        Console.WriteLine($"清单 manifest.json 的 SHA-256：{manifestSha256}（与归档时打印的比对，可知清单本身是否被替换）");
        var recorded = AgainstStore(manifest, manifestSha256, StoreInspector.ArchiveRecordOf(store, manifest.Campaign, manifest.AuditTrail?.HeadSeq));
        var problems = differences.Count + sharedProblems.Count;
        Console.WriteLine(problems == 0
            ? $"一致：{manifest.Files.Count + (manifest.Shared?.Count ?? 0)}个文件与清单相符（match）"
            : $"不一致：{problems}处不同（mismatch）");
        return problems == 0 && recorded ? 0 : 1;
    }

    /// <summary>
    /// A forger can change a file and recompute the manifest; only the SHA-256 recorded when the bundle was filed shows
    /// it. False when the store contradicts the bundle; true when it agrees or has nothing to say (and then says so).
    /// </summary>
    private static bool AgainstStore(ArchiveManifest manifest, string manifestSha256, ArchiveRecord record)
    {
        const string InternalOnly = "文件被改动、清单又被重新计算的归档包也会显示“一致”；请与归档时打印的清单 SHA-256 比对";
        if (record.Unavailable is { } why)
        {
            Console.WriteLine($"只能检查归档包内部是否一致：{why}。{InternalOnly}（internal consistency only）");
            return true;
        }
        if (record.FirstBrokenSeq is { } broken)
        {
            Console.WriteLine($"注意：数据库的审计记录自第{broken}条起哈希链断裂，数据库中的归档记录本身可能被改动过");
        }
        if (record.Filings.Count == 0)
        {
            Console.WriteLine($"只能检查归档包内部是否一致：数据库中没有抽查任务“{manifest.Campaign}”的归档记录。{InternalOnly}（internal consistency only）");
            return true;
        }
        if (record.Filings.FirstOrDefault(f => f.ManifestSha256 == manifestSha256) is not { Seq: > 0 } filing)
        {
            Console.WriteLine($"与数据库记录不符：本归档包清单的 SHA-256 不在数据库的归档记录中（第{string.Join("、", record.Filings.Select(f => f.Seq))}条），" +
                "清单被替换或重新计算过（not recorded）");
            return false;
        }
        Console.WriteLine($"与数据库记录相符：审计记录第{filing.Seq}条记下的清单 SHA-256 与本归档包相同（recorded）");
        if (manifest.AuditTrail?.HeadSeq is { } head && record.HashAtHead != manifest.AuditTrail.HeadHash)
        {
            Console.WriteLine($"与数据库记录不符：清单记下的审计记录链头（第{head}条）与数据库中的不同");
            return false;
        }
        return true;
    }
}
