using System.IO.Compression;
using Campaigns.Archive;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Archive;

public class ArchiveBundleTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["records/b.json"] = "{}"u8.ToArray(),
        ["documents/a.html"] = "<p>公示</p>"u8.ToArray(),
        ["manifest.json"] = "[]"u8.ToArray(),
    };

    [Fact]
    public void Create_SameFilesInAnyOrder_SameBytes()
    {
        var reversed = Files.Reverse().ToDictionary();
        ArchiveBundle.Create(reversed, new DateOnly(2026, 11, 24)).ShouldBe(ArchiveBundle.Create(Files, new DateOnly(2026, 11, 24)));
        ArchiveBundle.Create(Files, new DateOnly(2026, 11, 25)).ShouldNotBe(ArchiveBundle.Create(Files, new DateOnly(2026, 11, 24)), "the date is in it");
    }

    [Fact]
    public void Create_EntriesSortedWithTheOfficeDateAtMidnight_ReadGivesThemBack()
    {
        var path = _dir.File("bundle.zip");
        File.WriteAllBytes(path, ArchiveBundle.Create(Files, new DateOnly(2026, 11, 24)));

        using (var zip = ZipFile.OpenRead(path))
        {
            zip.Entries.Select(e => e.FullName).ShouldBe(["documents/a.html", "manifest.json", "records/b.json"]);
            zip.Entries.ShouldAllBe(e => e.LastWriteTime.DateTime == new DateTime(2026, 11, 24));
        }
        ArchiveBundle.Read(path).Select(e => (e.Path, System.Text.Encoding.UTF8.GetString(e.Content)))
            .ShouldBe([("documents/a.html", "<p>公示</p>"), ("manifest.json", "[]"), ("records/b.json", "{}")]);
    }

    [Fact]
    public void Hashes_StreamsEachEntry_SameHashAndSizeAsTheManifestWouldGive_KeepsOnlyTheManifestBytes()
    {
        var path = _dir.File("bundle.zip");
        var large = new byte[5 << 20];
        new Random(13).NextBytes(large);
        var files = new Dictionary<string, byte[]>(Files) { ["documents/large.bin"] = large };
        File.WriteAllBytes(path, ArchiveBundle.Create(files, new DateOnly(2026, 11, 24)));

        var entries = ArchiveBundle.Hashes(path, "manifest.json", 1 << 10);

        entries.Select(e => e.File).ShouldBe(Campaigns.Core.Archive.ArchiveManifest.Describe(files));
        entries.Single(e => e.File.Path == "manifest.json").Content.ShouldBe("[]"u8.ToArray());
        entries.Where(e => e.File.Path != "manifest.json").ShouldAllBe(e => e.Content == null);
        ArchiveBundle.Hashes(path, "documents/large.bin", 1 << 10).Single(e => e.File.Path == "documents/large.bin").Content.ShouldBeNull("over the cap");
    }
}
