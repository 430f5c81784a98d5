using System.Security.Cryptography;

namespace Campaigns.Core.Draws;

/// <summary>One file of a draw's snapshot, by name, with the lower-case hex SHA-256 of its exact bytes.</summary>
public sealed record SnapshotFile(string File, string Sha256)
{
    public static SnapshotFile Of(string file, ReadOnlySpan<byte> content) => new(file, Convert.ToHexStringLower(SHA256.HashData(content)));
}
