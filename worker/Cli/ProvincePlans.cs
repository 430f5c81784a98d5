using System.Globalization;
using System.Text;

namespace Campaigns.Cli;

/// <summary>
/// A province year of annual plans for the tick benchmark: one plan per county office, ten campaigns each, five county
/// departments d0–d4 (their names carry the county, so an inspector's 单位 names one county's department). Every campaign
/// draws on <see cref="DrawOn"/> from one industry of its own county (<see cref="ProvinceDirectoryFiles"/>), starts its
/// window on one of the five working days from <see cref="FirstWindowStart"/> and ends it on <see cref="WindowEnd"/>,
/// so the whole province is in result entry at once and reaches the result-entry deadline on one day.
/// </summary>
public static class ProvincePlans
{
    public const int CampaignsPerPlan = 10;
    public const int Year = 2026;
    public static readonly DateOnly PublishedOn = new(2026, 3, 20);
    public static readonly DateOnly DrawOn = new(2026, 4, 14);
    public static readonly DateOnly FirstWindowStart = new(2026, 4, 20);
    public static readonly DateOnly WindowEnd = new(2026, 5, 29);
    public static readonly DateOnly SummaryDue = new(2026, 9, 30);

    public static readonly string[] Industries =
        ["互联网上网服务营业场所", "餐饮服务", "食品销售", "娱乐场所", "药品零售", "建材销售", "旅馆业", "道路货物运输", "印刷业", "加油站"];

    private static readonly string[] DepartmentNames = ["公安局", "市场监督管理局", "文化广电和旅游局", "消防救援大队", "卫生健康局"];

    private static readonly string[] Items = ["登记信息检查", "公示信息检查", "经营活动检查", "消防安全检查", "卫生许可检查"];

    /// <summary>The county of office <paramref name="county"/>; entities of the county carry it as their 区域.</summary>
    public static string County(int county) => $"第{county + 1:D3}县";

    public static string DepartmentName(int county, int department) => County(county) + DepartmentNames[department];

    public static int DepartmentCount => DepartmentNames.Length;

    public static string FileName(int county) => $"county-{county + 1:D3}.yaml";

    /// <summary>The plan of county <paramref name="county"/> with <paramref name="campaigns"/> campaigns, as YAML.</summary>
    public static string Yaml(int county, int campaigns)
    {
        var c = County(county);
        var mail = $"county{county + 1:D3}.gov.cn";
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $$"""
            year: {{Year}}
            office:
              name: {{c}}“双随机、一公开”工作领导小组办公室
              timezone: Asia/Shanghai
              publish_by: 2026-03-31
              published_on: {{Iso(PublishedOn)}}
              contacts:
                - { name: 办公室联络员, email: office@{{mail}} }
            leaders:
              - { name: 领导小组组长, email: leader@{{mail}} }
              - { name: 领导小组副组长, email: deputy@{{mail}} }
            breach_reports:
              every: daily
              escalate_after_working_days: 10
              escalate_to:
                - { name: 分管副县长, email: vice@{{mail}} }
            departments:

            """);
        for (var d = 0; d < DepartmentCount; d++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: d{d}, name: {DepartmentName(county, d)}, contacts: [{{ name: 联络员{d}, email: d{d}@{mail} }}] }}\n");
        }
        yaml.Append("campaigns:\n");
        for (var j = 0; j < campaigns; j++)
        {
            var lead = j % DepartmentCount;
            int[] departments = [lead, (lead + 1) % DepartmentCount, (lead + 2) % DepartmentCount];
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  - id: c{{county + 1:D3}}-{{j + 1:D2}}
                    name: {{Year}}年{{c}}{{Industries[j % Industries.Length]}}“双随机、一公开”部门联合抽查
                    lead: d{{lead}}
                    participants: [d{{departments[1]}}, d{{departments[2]}}]
                    scope: { industry: {{Industries[j % Industries.Length]}}, region: {{c}} }
                    sampling: { ratio: 0.05, minimum: 3, by_risk: { A: 0.03, B: 0.05, C: 0.10, D: 0.20 } }
                    inspectors_per_department: 2
                    groups: {{2 + j % 2}}
                    items: { {{string.Join(", ", departments.Select(d => $"d{d}: [{Items[d]}]"))}} }
                    draw_on: {{Iso(DrawOn)}}
                    window: { start: {{Iso(FirstWindowStart.AddDays(j % 5))}}, end: {{Iso(WindowEnd)}} }
                    announce_to_entities: {{(j % 2 == 0 ? "true" : "false")}}
                    summary_due: {{Iso(SummaryDue)}}

                """);
        }
        return yaml.ToString();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
