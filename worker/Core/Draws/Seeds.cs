using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Core.Draws;

/// <summary>Commit–reveal for draw seeds: publish SHA-256(UTF-8(secret)) in lower-case hex with the plan, reveal the secret at the draw.</summary>
public static class Seeds
{
    public static string Commit(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool IsCommitment(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    public static bool Reveals(string seed, string commitment) => string.Equals(Commit(seed), commitment, StringComparison.OrdinalIgnoreCase);
}
