using Campaigns.Core.Directories;

namespace Campaigns.Cli;

/// <summary>
/// A generated province-sized directory for the draw benchmark: entity i has USCC "9113" + i (13 digits) + its
/// GB 32100 check character, risk class A–D by i mod 4, every 50th deregistered, every 97th at the yearly cap;
/// 5 departments d0–d4 share the inspectors, each of whom must recuse from 10 entities spread over the directory.
/// Rows are made on demand, so ten million entities cost only the index.
/// </summary>
public static class ProvinceDirectory
{
    public const string Industry = "网吧";
    public const string Region = "城区";
    private static readonly string[] Classes = ["A", "B", "C", "D"];

    public static string Uscc(int i)
    {
        var first17 = $"9113{i:D13}";
        return first17 + Core.Directories.Uscc.CheckCharacter(first17);
    }

    public static string RiskClass(int i) => Classes[i % Classes.Length];

    public static bool Active(int i) => i % 50 != 0;

    public static bool Capped(int i) => i % 97 == 0;

    public static MarketEntity Entity(int i) =>
        new(Uscc(i), $"对象{i}", "地址", "法人", Industry, Region, RiskClass(i), Active(i) ? EntityStatus.Active : EntityStatus.Deregistered);

    public static EntityIndex Index(int entities)
    {
        var builder = new EntityIndex.Builder(entities);
        for (var i = 0; i < entities; i++)
        {
            builder.Add(Uscc(i), Industry, Region, RiskClass(i), Active(i));
        }
        return builder.Build(Entity);
    }

    public static Dictionary<string, int> JointChecks(int entities, int cap)
    {
        var checks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities; i += 97)
        {
            checks[Uscc(i)] = cap;
        }
        return checks;
    }

    public static List<Inspector> Inspectors(int inspectors, int entities) =>
        [.. Enumerable.Range(0, inspectors).Select(i => new Inspector($"C{i:D6}", "检查员", "男", $"d{i % 5}", "科员",
            new DateOnly(2027, 12, 31), null, null, [.. Enumerable.Range(1, 10).Select(j => Uscc((int)(((long)i * 7919 + j * 104_729L) % entities)))]))];
}
