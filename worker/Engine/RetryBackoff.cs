using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Engine;

/// <summary>
/// Exponential back-off with jitter: attempt n waits base × 2^(n−1), stretched by a factor in [1, 1.5) so that
/// messages failing together do not all come back together. The factor is derived from the idempotency key and
/// the attempt (SHA-256), not drawn from a random generator or the clock: the same row always waits the same,
/// which keeps tests and simulations reproducible. Never shorter than the nominal delay, never longer than
/// <see cref="Cap"/>.
/// </summary>
public static class RetryBackoff
{
    /// <summary>The longest wait, whatever the attempt: a day, so a long outage still retries daily.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromDays(1);

    public const double MaxJitter = 0.5;

    public static TimeSpan Delay(TimeSpan baseDelay, int attempt, string key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        // 2^40 minutes is far past the cap already; clamping the exponent keeps the arithmetic finite.
        var nominal = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 40));
        var stretched = nominal * (1 + MaxJitter * Fraction(key, attempt));
        return stretched >= Cap.TotalMilliseconds ? Cap : TimeSpan.FromMilliseconds(Math.Floor(stretched));
    }

    /// <summary>A number in [0, 1) fixed by the key and the attempt.</summary>
    public static double Fraction(string key, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{attempt}"));
        // 53 bits: exactly representable in a double, so the result is strictly below 1.
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
