namespace Campaigns.Core.Archive;

/// <summary>How a bundle's file departs from its manifest.</summary>
public enum BundleDifferenceKind
{
    /// <summary>Listed, present, but its bytes hash (or size) differently.</summary>
    Changed,

    /// <summary>Listed, not in the bundle.</summary>
    Missing,

    /// <summary>In the bundle, not listed.</summary>
    Extra,

    /// <summary>The same path twice in the bundle: which one counts cannot be told.</summary>
    Duplicate,

    /// <summary>A name that would land outside the folder it is unpacked into (../x, /x, C:\x) or is not a plain path.</summary>
    Unsafe,
}

public sealed record BundleDifference(BundleDifferenceKind Kind, string Path);
