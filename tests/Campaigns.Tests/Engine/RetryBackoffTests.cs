using Campaigns.Engine;

namespace Campaigns.Tests.Engine;

public class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMinutes(1);

    [Fact]
    public void Delay_ManyKeysAndAttempts_BetweenNominalAndOneAndAHalfNominal()
    {
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var nominal = Base * Math.Pow(2, attempt - 1);
            for (var i = 0; i < 500; i++)
            {
                var delay = RetryBackoff.Delay(Base, attempt, $"reminder|qh-2026-netcafe|market|{i}");
                delay.ShouldBeGreaterThanOrEqualTo(nominal);
                delay.ShouldBeLessThan(nominal * 1.5);
            }
        }
    }

    [Fact]
    public void Delay_SameKeyAndAttempt_SameDelay()
    {
        // Derived, not drawn: a restart or a second instance computes the same wait for the same row.
        RetryBackoff.Delay(Base, 3, "k").ShouldBe(RetryBackoff.Delay(Base, 3, "k"));
    }

    [Fact]
    public void Delay_MessagesFailingTogether_SpreadOverTheJitterRange()
    {
        // The point of jitter: 200 rows failing in the same pass do not all come back in the same minute.
        var delays = Enumerable.Range(0, 200).Select(i => RetryBackoff.Delay(Base, 4, $"key-{i}")).ToList();
        delays.Distinct().Count().ShouldBeGreaterThan(190);
        (delays.Max() - delays.Min()).ShouldBeGreaterThan(Base * 8 * 0.4);
    }

    [Fact]
    public void Fraction_ManyInputs_InUnitInterval()
    {
        var fractions = Enumerable.Range(0, 10_000).Select(i => RetryBackoff.Fraction($"k{i}", i % 9 + 1)).ToList();
        fractions.ShouldAllBe(f => f >= 0 && f < 1);
        fractions.Average().ShouldBeInRange(0.45, 0.55);
    }

    [Fact]
    public void Delay_HugeAttempt_CappedNotOverflowing()
    {
        // MaxDeliveryAttempts has no upper bound in the settings; 2^99 minutes must not overflow TimeSpan.
        RetryBackoff.Delay(Base, 100, "k").ShouldBe(RetryBackoff.Cap);
        RetryBackoff.Delay(Base, 12, "k").ShouldBe(RetryBackoff.Cap);
    }

    [Fact]
    public void Delay_AttemptZero_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(Base, 0, "k"));
}
