using Campaigns.Core.Directories;
using Campaigns.Core.Draws;

namespace Campaigns.Core.Engine;

/// <summary>
/// The two directories (检查对象名录库, 执法检查人员名录库) as read for one tick, with the name and SHA-256 of the two files
/// they were read from (entities first), which a draw records.
/// </summary>
public sealed record DirectorySnapshot(IReadOnlyList<MarketEntity> Entities, IReadOnlyList<Inspector> Inspectors, IReadOnlyList<SnapshotFile> Files)
{
    private EntityIndex? _index;

    /// <summary>
    /// The entities as a draw reads them, built on first use and shared by every draw made from this snapshot: a province
    /// directory takes about half a second to index, once per draw day instead of once per campaign drawn.
    /// </summary>
    public EntityIndex Index => _index ??= EntityIndex.Build(Entities);

    private ILookup<string, Inspector>? _byUnit;

    /// <summary>
    /// The inspectors whose 单位 is one of <paramref name="units"/> (department ids and names), each once: all a draw
    /// assigns from. A province's 2,000 draws each filtered the 10,000 inspectors of every county otherwise.
    /// </summary>
    public IReadOnlyList<Inspector> InspectorsIn(IEnumerable<string> units)
    {
        var byUnit = LazyInitializer.EnsureInitialized(ref _byUnit, () => Inspectors.ToLookup(i => i.Unit, StringComparer.Ordinal));
        return [.. units.Distinct(StringComparer.Ordinal).SelectMany(u => byUnit[u]).Distinct()];
    }

    // The index is derived from the entities, so it takes no part in equality; the files' hashes stand for their rows.
    public bool Equals(DirectorySnapshot? other) => other is not null && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => Files.Count == 0 ? 0 : Files[0].Sha256.GetHashCode(StringComparison.Ordinal);
}
