using System.Security.Cryptography;

namespace Campaigns.Engine;

/// <summary>
/// Seeds for draws whose campaign names none. In service, 256 bits from the OS's secure generator, recorded
/// with the draw so it can be verified; in simulate, the fixed --seed so runs repeat.
/// </summary>
public sealed class DrawSeedSource(string? fixedSeed = null)
{
    public string Next() => fixedSeed ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
