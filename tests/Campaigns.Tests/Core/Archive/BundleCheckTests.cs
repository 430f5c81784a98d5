using Campaigns.Core.Archive;

namespace Campaigns.Tests.Core.Archive;

public class BundleCheckTests
{
    private static readonly byte[] A = "甲"u8.ToArray();
    private static readonly byte[] B = "乙"u8.ToArray();

    private static readonly IReadOnlyList<ManifestFile> Manifest = ArchiveManifest.Describe(
        new Dictionary<string, byte[]> { ["b.txt"] = B, ["a.txt"] = A });

    [Fact]
    public void Describe_SortsByOrdinalPath_WithHashAndSize()
    {
        Manifest.Select(f => f.Path).ShouldBe(["a.txt", "b.txt"]);
        Manifest[0].Size.ShouldBe(3);
        Manifest[0].Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(A)));
    }

    [Fact]
    public void Compare_SameFilesInAnyOrder_NoDifference() =>
        BundleCheck.Compare(Manifest, [("b.txt", B), ("a.txt", A)]).ShouldBeEmpty();

    [Theory]
    [InlineData("changed", "a.txt", BundleDifferenceKind.Changed)]   // one byte differs
    [InlineData("missing", "b.txt", BundleDifferenceKind.Missing)]   // listed, not there
    [InlineData("extra", "c.txt", BundleDifferenceKind.Extra)]       // there, not listed
    [InlineData("duplicate", "a.txt", BundleDifferenceKind.Duplicate)] // which copy counts cannot be told
    public void Compare_OneThingWrong_NamesExactlyThatFile(string change, string path, BundleDifferenceKind kind)
    {
        IReadOnlyList<(string, byte[])> entries = change switch
        {
            "changed" => [("a.txt", [.. A[..^1], (byte)(A[^1] ^ 1)]), ("b.txt", B)],
            "missing" => [("a.txt", A)],
            "extra" => [("a.txt", A), ("b.txt", B), ("c.txt", B)],
            _ => [("a.txt", A), ("a.txt", A), ("b.txt", B)],
        };
        BundleCheck.Compare(Manifest, entries).ShouldBe([new BundleDifference(kind, path)]);
    }

    [Theory]
    // Each listed in the manifest with the right hash: "match" before, though unpacking writes outside the folder.
    [InlineData("../x")]
    [InlineData("documents/../../x")]
    [InlineData("/etc/cron.d/x")]
    [InlineData("C:/Windows/x")]
    [InlineData("documents\\..\\..\\x")]
    [InlineData("documents//x")]
    public void CompareHashes_UnsafeName_FlaggedEvenWhenListedAndUnchanged(string path)
    {
        var manifest = ArchiveManifest.Describe(new Dictionary<string, byte[]> { [path] = A });

        BundleCheck.CompareHashes(manifest, manifest).ShouldBe([new BundleDifference(BundleDifferenceKind.Unsafe, path)]);
    }

    [Fact]
    public void IsSafe_PlainRelativePaths_Accepted()
    {
        BundleCheck.IsSafe("documents/2026/qh-2026-netcafe/draw-record.html").ShouldBeTrue();
        BundleCheck.IsSafe("records/draw.json").ShouldBeTrue();
    }
}
