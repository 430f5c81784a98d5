namespace Campaigns.Core.Archive;

/// <summary>Compares a bundle's entries with its manifest: nothing when every listed file is there, unchanged, and nothing else is.</summary>
public static class BundleCheck
{
    /// <param name="manifest">the files the manifest lists</param>
    /// <param name="entries">the bundle's entries in the order found, manifest.json excluded; a path may repeat in a tampered zip</param>
    public static IReadOnlyList<BundleDifference> Compare(IReadOnlyList<ManifestFile> manifest, IReadOnlyList<(string Path, byte[] Content)> entries)
    {
        var differences = new List<BundleDifference>();
        var found = entries.ToLookup(e => e.Path, e => e.Content, StringComparer.Ordinal);
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
            else if (copies[0].LongLength != file.Size || ArchiveManifest.Sha256(copies[0]) != file.Sha256)
            {
                differences.Add(new BundleDifference(BundleDifferenceKind.Changed, file.Path));
            }
        }
        var listed = manifest.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(found.Where(g => !listed.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BundleDifference(BundleDifferenceKind.Extra, g.Key)));
        return differences;
    }
}
