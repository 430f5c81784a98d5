using Campaigns.Core.Directories;

namespace Campaigns.Core.Engine;

/// <summary>The two directories (检查对象名录库, 执法检查人员名录库) as read for one tick, with their content hash.</summary>
public sealed record DirectorySnapshot(IReadOnlyList<MarketEntity> Entities, IReadOnlyList<Inspector> Inspectors, string Hash)
{
    private EntityIndex? _index;

    /// <summary>
    /// The entities as a draw reads them, built on first use and shared by every draw made from this snapshot: a province
    /// directory takes about half a second to index, once per draw day instead of once per campaign drawn.
    /// </summary>
    public EntityIndex Index => _index ??= EntityIndex.Build(Entities);

    // The index is derived from the entities, so it takes no part in equality.
    public bool Equals(DirectorySnapshot? other) =>
        other is not null && (ReferenceEquals(Entities, other.Entities) || Entities.SequenceEqual(other.Entities))
        && (ReferenceEquals(Inspectors, other.Inspectors) || Inspectors.SequenceEqual(other.Inspectors)) && Hash == other.Hash;

    public override int GetHashCode() => Hash.GetHashCode(StringComparison.Ordinal);
}
