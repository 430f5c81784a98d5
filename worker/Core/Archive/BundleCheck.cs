namespace Campaigns.Core.Archive;

/// <summary>Compares a bundle's entries with its manifest: nothing when every listed file is there, unchanged, and nothing else is.</summary>
public static class BundleCheck
{
    /// <param name="manifest">the files the manifest lists</param>
    /// <param name="entries">the bundle's entries in the order found, manifest.json excluded; a path may repeat in a tampered zip</param>
    public static IReadOnlyList<BundleDifference> Compare(IReadOnlyList<ManifestFile> manifest, IReadOnlyList<(string Path, byte[] Content)> entries) =>
        CompareHashes(manifest, [.. entries.Select(e => new ManifestFile(e.Path, ArchiveManifest.Sha256(e.Content), e.Content.LongLength))]);

    /// <param name="manifest">the files the manifest lists</param>
    /// <param name="entries">each entry's path, hash and size as found (hashed while streaming, so no entry is held whole)</param>
    public static IReadOnlyList<BundleDifference> CompareHashes(IReadOnlyList<ManifestFile> manifest, IReadOnlyList<ManifestFile> entries)
    {
        // An unsafe name is named first and whatever the manifest says: listed or not, unpacking it writes elsewhere.
        var differences = entries.Where(e => !IsSafe(e.Path)).Select(e => e.Path).Distinct(StringComparer.Ordinal)
            .Select(p => new BundleDifference(BundleDifferenceKind.Unsafe, p)).ToList();
        var found = entries.ToLookup(e => e.Path, StringComparer.Ordinal);
        foreach (var file in manifest)
        {
            var copies = found[file.Path].ToList();
            if (copies.Count == 0)
            {
                differences.Add(new BundleDifference(BundleDifferenceKind.Missing, file.Path));
            }
            else if (copies.Count > 1)
            {
                differences.Add(new BundleDifference(BundleDifferenceKind.Duplicate, file.Path));
            }
            else if (copies[0].Size != file.Size || copies[0].Sha256 != file.Sha256)
            {
                differences.Add(new BundleDifference(BundleDifferenceKind.Changed, file.Path));
            }
        }
        var listed = manifest.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(found.Where(g => !listed.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BundleDifference(BundleDifferenceKind.Extra, g.Key)));
        return differences;
    }

    /// <summary>
    /// A relative path of plain segments with forward slashes: no "..", ".", empty segment, leading slash, backslash, drive
    /// letter or control character, so no unzip tool puts it outside the folder it unpacks into.
    /// </summary>
    public static bool IsSafe(string path) =>
        path.Length > 0
        && !path.Any(c => c == '\\' || char.IsControl(c))
        && !(path.Length >= 2 && path[1] == ':')
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));
}
