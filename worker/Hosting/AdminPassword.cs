using Microsoft.AspNetCore.Identity;

namespace Campaigns.Hosting;

/// <summary>
/// The dashboard admin's password, kept only as ASP.NET Core Identity's version-3 hash: PBKDF2 with HMAC-SHA512,
/// 100,000 iterations, a random 128-bit salt, all in one base64 string (marker, algorithm, iterations, salt, key).
/// Verification is the hasher's own fixed-time comparison.
/// </summary>
public static class AdminPassword
{
    // The hasher ignores the user object; one name, so the hash does not depend on who asks.
    private const string Subject = "campaigns-admin";
    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(Subject, password);

    public static bool Verify(string hash, string password) =>
        IsHash(hash) && Hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>True for a version-3 hash: a password pasted where the hash belongs is refused at start, not compared.</summary>
    public static bool IsHash(string text)
    {
        var bytes = new byte[text.Length];
        // Marker 0x01, then three big-endian 32-bit numbers, a salt of at least 16 bytes and a key of at least 16.
        return Convert.TryFromBase64String(text, bytes, out var length) && length >= 1 + 12 + 16 + 16 && bytes[0] == 0x01;
    }
}
