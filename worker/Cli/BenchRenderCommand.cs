using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Campaigns.Core.Documents;
using Campaigns.Core.Lifecycle;
using Campaigns.Core.Results;
using Campaigns.Documents;

namespace Campaigns.Cli;

/// <summary>
/// Times the two pieces of a tick that run per campaign and per message on one core (a benchmark, not a test): a
/// province day's reminders rendered through the real templates (text and HTML part each), and the lifecycle a tick
/// builds per campaign, asked which trigger is due and fired from Draft to Archived.
/// </summary>
public static class BenchRenderCommand
{
    // Renders and fires before timing starts: JIT compilation and first-call caches are not the steady rate.
    private const int Warmup = 500;

    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "reminders to render per round", DefaultValueFactory = _ => 10_000 };
        var lifecycles = new Option<int>("--lifecycles") { Description = "campaign lifecycles to run through per round", DefaultValueFactory = _ => 20_000 };
        var rounds = new Option<int>("--rounds") { Description = "rounds (the best and the median are printed)", DefaultValueFactory = _ => 5 };
        var templates = new Option<string>("--templates") { Description = "templates folder", DefaultValueFactory = _ => "templates" };
        var command = new Command("bench-render", "Benchmark: reminders rendered and lifecycle triggers fired per second on one core.")
        {
            messages, lifecycles, rounds, templates,
        };
        command.SetAction(parse =>
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Render(parse.GetValue(messages), parse.GetValue(rounds), parse.GetValue(templates)!);
            Fire(parse.GetValue(lifecycles), parse.GetValue(rounds));
            return 0;
        });
        return command;
    }

    private static void Render(int n, int rounds, string folder)
    {
        var composer = new MailComposer(TemplateSet.Load(folder));
        var orders = ProvinceReminders.Orders(n);
        foreach (var order in orders.Take(Warmup))
        {
            composer.Compose(order);
        }
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var order in orders)
            {
                composer.Compose(order);
            }
            rates.Add(n / watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"render: {n:N0} reminders ({ProvinceReminders.OpenItems} open items each, text and HTML part) per round on one thread: " +
            $"best {rates.Max():N0} messages/s ({2 * rates.Max():N0} templates/s), median {Median(rates):N0} messages/s");

        // A printed page of 50 rows, the size at which a row loop dominates: a results publicity of 50 checks.
        var templates = TemplateSet.Load(folder);
        var publicity = new ResultsPublicity("清河县2026年度网吧、娱乐场所部门联合抽查结果公示", "清河县双随机抽查工作领导小组办公室",
            "清河县2026年度网吧、娱乐场所部门联合抽查", "2026年4月9日至2026年5月31日",
            [.. Enumerable.Range(1, 50).Select(i => new ResultsPublicity.Row(i, $"清河县网吧{i}", $"91130000MA0{i:D7}", "县市场监督管理局",
                "营业执照公示信息、消防安全", i % 7 == 0 ? "发现问题已责令改正" : "未发现问题"))],
            "2026年7月1日");
        var pages = Rates(Warmup, Math.Max(1, n / 5), rounds, () => templates.Render("results-publicity.html", publicity));
        Console.WriteLine($"render: results publicity of 50 rows (print style included) on one thread: best {pages.Max():N0} documents/s, median {Median(pages):N0} documents/s");

        // A 50-page 一企一表: an entity a page (the six inspectors of its group, three departments' items and the result codes'
        // legend on every page). Ten groups' pages in one document, as a campaign's form was before it went out a file per
        // group, larger than any group's form a province's draw day makes; kept so the figures compare across sessions.
        var form = new InspectionRecordForm("部门联合抽查情况记录表", "清河县2026年度网吧、娱乐场所部门联合抽查",
            [new DepartmentItems("县市场监督管理局", ["营业执照公示信息", "食品经营许可"]), new DepartmentItems("县公安局", ["消防安全", "治安管理"]),
                new DepartmentItems("县文化广电和旅游局", ["网络文化经营许可"])],
            [.. Enumerable.Range(1, 10).Select(g => new InspectionRecordForm.Group(g, [.. Enumerable.Range(1, 6).Select(m =>
                new InspectionRecordForm.Inspector($"检查员{g}-{m}", m % 2 == 0 ? "县公安局" : "县市场监督管理局", $"C{g:D3}{m:D3}", m == 1 ? "组长" : "组员"))]))],
            [.. Enumerable.Range(1, 50).Select(i => new InspectionRecordForm.Page(i, $"清河县网吧{i}", $"91130000MA0{i:D7}", $"负责人{i}", $"清河县城关镇{i}号", 1 + (i - 1) / 5))],
            [.. Enum.GetValues<ResultCode>().Select(c => new InspectionRecordForm.Code((int)c, c.ChineseName()))]);
        var forms = Rates(Warmup / 10, Math.Max(1, n / 50), rounds, () => templates.Render("inspection-record.html", form));
        Console.WriteLine($"render: 一企一表 of 50 pages on one thread: best {forms.Max():N0} documents/s, median {Median(forms):N0} documents/s");
    }

    /// <summary>Runs <paramref name="render"/> <paramref name="warmup"/> times, then <paramref name="count"/> times a round: renders per second in each round.</summary>
    private static List<double> Rates(int warmup, int count, int rounds, Action render)
    {
        for (var i = 0; i < warmup; i++)
        {
            render();
        }
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                render();
            }
            rates.Add(count / watch.Elapsed.TotalSeconds);
        }
        return rates;
    }

    private static void Fire(int n, int rounds)
    {
        var path = CampaignLifecycle.TriggerOrder.Where(t => t != CampaignTrigger.Cancel).ToArray();
        var guards = LifecycleGuards.Always(true);
        Run(Warmup);
        var perFire = new List<double>();
        var perCreate = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            Run(n);
            var total = watch.Elapsed;
            watch.Restart();
            for (var i = 0; i < n; i++)
            {
                var state = CampaignState.Draft;
                GC.KeepAlive(CampaignLifecycle.Create(() => state, s => state = s, guards));
            }
            var create = watch.Elapsed;
            perCreate.Add(create.TotalNanoseconds / n);
            perFire.Add((total - create).TotalNanoseconds / (n * path.Length));
        }
        Console.WriteLine($"lifecycle: {n:N0} campaigns from Draft to Archived ({path.Length} fires each, every trigger asked CanFire first, as a tick does): " +
            $"per fire best {perFire.Min():N0} ns, median {Median(perFire):N0} ns; building the machine {Median(perCreate):N0} ns (once per engine thread: CampaignMachine)");

        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var state = CampaignState.Draft;
                var machine = CampaignLifecycle.Create(() => state, s => state = s, guards);
                foreach (var trigger in path)
                {
                    if (!machine.CanFire(trigger))
                    {
                        throw new InvalidOperationException($"{trigger} not permitted in {state}");
                    }
                    machine.Fire(trigger);
                }
            }
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
