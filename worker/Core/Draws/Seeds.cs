using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Core.Draws;

/// <summary>Commit–reveal for draw seeds: publish SHA-256(UTF-8(secret)) in lower-case hex with the plan, reveal the secret at the draw.</summary>
public static class Seeds
{
    /// <summary>The record's seed status when a commitment was seen before the version of the plan that revealed the seed.</summary>
    public const string CommittedInAdvance = "事先承诺";

    /// <summary>Any other seed: none committed, or committed in the same plan version that revealed it, or drawn by the worker.</summary>
    public const string NotCommittedInAdvance = "未事先承诺";

    public static string Commit(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool IsCommitment(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    public static bool Reveals(string seed, string commitment) => string.Equals(Commit(seed), commitment, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "事先承诺" when the seed reveals a commitment the ledger holds as the campaign's current one and that commitment was
    /// first seen in a plan version without the seed; "未事先承诺" otherwise.
    /// </summary>
    public static string Status(string? commitment, IReadOnlyList<CommitmentEntry> ledger) =>
        commitment is not null && ledger.Count > 0 && string.Equals(ledger[^1].Commitment, commitment, StringComparison.OrdinalIgnoreCase)
            && !ledger[^1].SeedRevealedWithIt
            ? CommittedInAdvance
            : NotCommittedInAdvance;
}
