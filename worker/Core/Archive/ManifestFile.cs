namespace Campaigns.Core.Archive;

/// <summary>One file of an archive bundle: its path inside the bundle, the SHA-256 (lower-case hex) and size of its bytes.</summary>
public sealed record ManifestFile(string Path, string Sha256, long Size);
