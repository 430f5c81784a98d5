namespace Campaigns.Core.Documents;

/// <summary>
/// A campaign's 检查通知书 as one printable file, a page per drawn entity: the lead department prints and serves them
/// together, and a province's draw day wrote some 50,000 separate files for them.
/// </summary>
public sealed record EntityNotices(string Title, IReadOnlyList<EntityNotice> Notices);
