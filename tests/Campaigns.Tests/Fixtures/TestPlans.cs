using Campaigns.Core.Directories;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;

namespace Campaigns.Tests.Fixtures;

/// <summary>Hand-built plans and directories for tests of the pure core, independent of the YAML parser.</summary>
public static class TestPlans
{
    public static readonly DateOnly PublishedOn = new(2024, 3, 20);

    public static AnnualPlan Plan(DateOnly? publishedOn = null, params CampaignPlan[] campaigns) => new(
        2024,
        new Office("清河县“双随机、一公开”工作领导小组办公室", "Asia/Shanghai", new DateOnly(2024, 3, 31), publishedOn,
            [new Contact("田婷婷", "office@qinghe.example", null)]),
        [new Contact("领导小组组长", "leader@qinghe.example", null)],
        [
            new Department("police", "县公安局", [new Contact("张三", "police@qinghe.example", null)]),
            new Department("market", "县市场监督管理局", [new Contact("李四", "market@qinghe.example", null)]),
            new Department("culture", "县文化广电和旅游局", [new Contact("王五", "culture@qinghe.example", null)]),
        ],
        PlanRules.Default,
        campaigns.Length > 0 ? campaigns : [NetCafe()],
        "plans/2024.yaml");

    public static CampaignPlan NetCafe(string id = "qh-2024-netcafe", string? cancelled = null, DateOnly? drawOn = null) => new(
        id,
        "2024年清河县互联网上网服务营业场所“双随机、一公开”部门联合抽查",
        "police",
        ["market", "culture"],
        new CampaignScope("互联网上网服务营业场所", null),
        new Sampling(0.30m, 1),
        2,
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["police"] = ["互联网上网服务营业场所信息网络安全检查"],
            ["market"] = ["登记信息检查", "公示信息检查"],
            ["culture"] = ["互联网上网服务营业场所“双随机”抽查"],
        },
        drawOn ?? new DateOnly(2024, 4, 9),
        new DateRange(new DateOnly(2024, 4, 9), new DateOnly(2024, 5, 31)),
        true,
        new DateOnly(2024, 6, 30),
        PlanRules.Default,
        "fixed-seed",
        cancelled);

    /// <summary>Ten net cafés and two restaurants, USCCs in sorted order; the last café is deregistered.</summary>
    public static IReadOnlyList<MarketEntity> Entities() =>
    [
        .. Enumerable.Range(1, 10).Select(i => new MarketEntity(
            $"91130534MA0{i:D2}000X{i % 10}", $"清河县网吧{i}", $"葛仙庄镇{i}号", $"法人{i}", "互联网上网服务营业场所", "葛仙庄镇", "B",
            i == 10 ? EntityStatus.Deregistered : EntityStatus.Active)),
        new MarketEntity("92130534MA0R00001A", "清河县饭店1", "连庄镇1号", "法人A", "餐饮服务", "连庄镇", "A", EntityStatus.Active),
        new MarketEntity("92130534MA0R00002B", "清河县饭店2", "连庄镇2号", "法人B", "餐饮服务", "连庄镇", "A", EntityStatus.Active),
    ];

    /// <summary>Four qualified inspectors per department (004 §14's minimum), plus one with an expired certificate in police.</summary>
    public static IReadOnlyList<Inspector> Inspectors() =>
    [
        .. new[] { "police", "market", "culture" }.SelectMany(d => Enumerable.Range(1, 4).Select(i => new Inspector(
            $"{d}-{i}", $"{d}检查员{i}", "男", d, "科员", new DateOnly(2027, 12, 31), $"{d}{i}@qinghe.example", null, []))),
        new Inspector("police-9", "过期检查员", "女", "police", "科员", new DateOnly(2023, 12, 31), "expired@qinghe.example", null, []),
    ];

    public static DirectorySnapshot Directory() => new(Entities(), Inspectors(), [new("entities.csv", "test-entities"), new("inspectors.csv", "test-inspectors")]);
}
