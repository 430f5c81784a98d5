using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;

namespace Campaigns.Cli;

/// <summary>
/// A province's reminders of one day for the mail benchmark: the result-entry deadline is near and every
/// department contact of every county gets the five entities still missing its results, as Reminders does on a
/// real tick. Counties, names and entities come from fixed lists by index, so every run sends the same mail.
/// </summary>
public static class ProvinceReminders
{
    public const int OpenItems = 5;

    private static readonly string[] Counties =
    [
        "长安县", "临潼县", "蓝田县", "周至县", "户县", "高陵县", "三原县", "泾阳县", "乾县", "礼泉县",
        "永寿县", "彬县", "长武县", "旬邑县", "淳化县", "武功县", "兴平县", "富平县", "蒲城县", "澄城县",
    ];

    private static readonly string[] Departments = ["市场监督管理局", "税务局", "生态环境局", "应急管理局", "卫生健康局", "文化和旅游局", "消防救援大队", "人力资源和社会保障局"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英"];

    private static readonly string[] TradeNames = ["恒通", "鑫源", "华盛", "瑞丰", "金鼎", "宏达", "兴隆", "永安", "德润", "嘉禾", "锦程", "天成", "博远", "盛世", "联创"];

    private static readonly string[] Trades = ["网络科技", "商贸", "餐饮管理", "建材", "食品", "物流", "文化传媒", "汽车服务", "医药连锁", "农业开发"];

    private static readonly DateOnly Due = new(2026, 6, 12);

    /// <summary>The <paramref name="count"/> owed reminders, each with its recipient, ready for <see cref="Documents.MailComposer"/>.</summary>
    public static IReadOnlyList<DeliveryOrder> Orders(int count)
    {
        var plans = Enumerable.Range(0, Counties.Length).Select(Plan).ToArray();
        var orders = new List<DeliveryOrder>(count);
        for (var i = 0; i < count; i++)
        {
            var county = i % Counties.Length;
            var plan = plans[county];
            var campaign = $"{Counties[county]}2026年度网吧、娱乐场所部门联合抽查";
            var recipient = new Contact(Person(i), $"dept{i:D6}@{Domain(county)}", null);
            IReadOnlyList<string> items = [.. Enumerable.Range(0, OpenItems).Select(j => Entity(Counties[county], i * OpenItems + j))];
            var model = DocumentModels.Reminder(plan, campaign, recipient, MilestoneKind.ResultEntryDeadline, Due, 2, items);
            orders.Add(new DeliveryOrder($"bench|reminder|result-entry-deadline|2|{recipient.Email}", "reminder", "bench", recipient, "reminder", model, []));
        }
        return orders;
    }

    /// <summary>A county's plan as far as a reminder reads it: the office's name and its contacts.</summary>
    public static AnnualPlan Plan(int county) => new(
        2026,
        new Office($"{Counties[county]}双随机抽查工作领导小组办公室", "Asia/Shanghai", new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 20),
            [new Contact(Person(100_000 + county), null, $"029-8{county:D3}6{county % 10}21")]),
        [],
        [.. Departments.Select((d, j) => new Department($"d{j}", Counties[county] + d, []))],
        PlanRules.Default,
        [],
        "bench");

    private static string Person(int i) => Surnames[i % Surnames.Length] + GivenNames[i / Surnames.Length % GivenNames.Length];

    private static string Entity(string county, int i) =>
        $"{county[..^1]}{TradeNames[i % TradeNames.Length]}{Trades[i / TradeNames.Length % Trades.Length]}有限公司";

    // Mailbox domains stay ASCII, as county mail servers have them.
    private static string Domain(int county) => $"county{county:D2}.gov.cn";
}
