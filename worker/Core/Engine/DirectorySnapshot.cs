using Campaigns.Core.Directories;

namespace Campaigns.Core.Engine;

/// <summary>The two directories (检查对象名录库, 执法检查人员名录库) as read for one tick, with their content hash.</summary>
public sealed record DirectorySnapshot(IReadOnlyList<MarketEntity> Entities, IReadOnlyList<Inspector> Inspectors, string Hash);
