using System.Threading.RateLimiting;

namespace Campaigns.Web;

/// <summary>
/// Failed admin logins, limited per client address with ASP.NET Core's rate limiter: after <see cref="Attempts"/>
/// failures in <see cref="Window"/> the address gets 429 without its password being checked, so guessing takes years.
/// Only failures take a permit, so an admin who types the password right is never locked out by their own logins.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const int Attempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = Attempts, Window = Window, QueueLimit = 0 }));

    public bool Exhausted(string address) => _failures.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}
