using Campaigns.Core.Engine;
using Campaigns.Documents;
using Campaigns.Engine;
using Campaigns.Host;
using Campaigns.Storage;
using Campaigns.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace Campaigns.Tests.Engine;

/// <summary>
/// The catalog over real files and the real SQLite store. Each <see cref="Catalog"/> is a fresh catalog, as a restarted
/// process or a second instance has: all it shares with the others is the database.
/// </summary>
public class PlanCatalogTests : IDisposable
{
    private static readonly MailComposer Mail = new(TemplateSet.Load(Repository.Path("templates")));

    /// <summary>The sample's campaign that the syntax error below breaks, and the line it is on.</summary>
    private const string WindowLine = "    window: { start: 2026-04-14, end: 2026-05-29 }";

    private readonly TempFolder _dir = new();
    private readonly SimulatedClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly LogCapture _log = new();

    public PlanCatalogTests() => Directory.CreateDirectory(_dir.File("plans"));

    public void Dispose() => _dir.Dispose();

    private string PlanPath => _dir.File("plans", "2026.yaml");

    private CampaignStore Store() => CampaignStore.Open(_dir.File("campaigns.db"), _clock);

    private PlanCatalog Catalog() =>
        new(Store(), Mail, _clock, Options.Create(new WorkerOptions { Instance = "test" }), _log.For<PlanCatalog>());

    private static string Sample => File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"));

    /// <summary>The sample with its first campaign's window left unclosed: a YAML syntax error on that line.</summary>
    private static string Broken
    {
        get
        {
            Sample.ShouldContain(WindowLine);
            return Sample.Replace(WindowLine, WindowLine.TrimEnd('}', ' '));
        }
    }

    private static int LineOf(string text, string line) => Array.IndexOf(text.ReplaceLineEndings("\n").Split('\n'), line) + 1;

    private IReadOnlyList<DeliveryRow> Notices() => [.. Store().Deliveries().Where(d => d.Kind == PlanErrorNotices.Kind)];

    [Fact]
    public void Load_PlanBrokenAfterLoading_LastGoodPlanKeepsRunning()
    {
        File.WriteAllText(PlanPath, Sample);
        var catalog = Catalog();
        catalog.Load(_dir.File("plans")).Single().Campaigns.Count.ShouldBe(4);

        File.WriteAllText(PlanPath, "year: 2026\noffice: { name: x\n");
        catalog.Load(_dir.File("plans")).Single().Campaigns.Count.ShouldBe(4);
    }

    [Fact]
    public void Load_PlanFixedAgain_NewVersionRunsAndIsTheNewLastGood()
    {
        File.WriteAllText(PlanPath, Sample);
        var catalog = Catalog();
        catalog.Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Broken);
        catalog.Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Sample.Replace("qh-2026-food", "qh-2026-food2"));
        catalog.Load(_dir.File("plans")).Single().Campaigns.ShouldContain(c => c.Id == "qh-2026-food2");
        _log.Entries.ShouldContain(e => e.Message.Contains("fixed"));

        File.WriteAllText(PlanPath, Broken);
        Catalog().Load(_dir.File("plans")).Single().Campaigns.ShouldContain(c => c.Id == "qh-2026-food2");
    }

    [Fact]
    public void Load_BrokenInAFreshProcess_RunsTheStoredLastGoodPlan()
    {
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Broken);

        var plan = Catalog().Load(_dir.File("plans")).Single();

        plan.Campaigns.Select(c => c.Id).ShouldBe(["qh-2026-netcafe", "qh-2026-food", "qh-2026-entertainment", "qh-2026-pharmacy"], ignoreOrder: true);
        plan.SourcePath.ShouldEndWith("2026.yaml");
    }

    [Fact]
    public void Load_SameTextReadAgainLater_KeepsItsFirstAcceptance()
    {
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));
        var first = Store().LastGoodPlan("2026.yaml").ShouldNotBeNull();
        first.AcceptedAt.ShouldBe(_clock.GetUtcNow());
        first.YamlText.ShouldBe(Sample);

        _clock.Set(_clock.GetUtcNow().AddDays(3));
        Catalog().Load(_dir.File("plans"));
        Store().LastGoodPlan("2026.yaml").ShouldBe(first);
    }

    [Fact]
    public void Load_BrokenFile_EachProblemLoggedAtFileLineColumnOncePerVersion()
    {
        File.WriteAllText(PlanPath, Sample);
        var catalog = Catalog();
        catalog.Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Broken);

        for (var tick = 0; tick < 3; tick++)
        {
            catalog.Load(_dir.File("plans"));
        }

        var line = LineOf(Broken, WindowLine.TrimEnd('}', ' '));
        line.ShouldBeGreaterThan(1);
        var problems = _log.Errors.Where(e => e.Contains("YAML 语法错误")).ToList();
        problems.Count.ShouldBe(1);
        problems[0].ShouldMatch($@"2026\.yaml:{line}:\d+: YAML 语法错误");
        _log.Errors.Count(e => e.Contains("keeps running")).ShouldBe(1);
    }

    [Fact]
    public void Load_BrokenFile_OfficeToldOnceAcrossTicksAndProcesses()
    {
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));
        var lastGood = Store().LastGoodPlan("2026.yaml").ShouldNotBeNull();
        File.WriteAllText(PlanPath, Broken);

        var catalog = Catalog();
        catalog.Load(_dir.File("plans"));
        catalog.Load(_dir.File("plans"));
        Catalog().Load(_dir.File("plans"));

        var notices = Notices();
        notices.Select(n => n.RecipientEmail).ShouldBe(["office@qinghe.example", "office2@qinghe.example"], ignoreOrder: true);
        var badSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(PlanPath)));
        notices.ShouldAllBe(n => n.IdempotencyKey.StartsWith($"2026:清河县“双随机、一公开”工作领导小组办公室|plan-error|{badSha}|"));
        notices.ShouldAllBe(n => n.Subject == "【计划文件有误】2026年度抽查工作计划文件有误，仍按上一版执行");

        var body = Store().DueDeliveries(_clock.GetUtcNow(), 10).Single(d => d.Message.RecipientEmail == "office@qinghe.example").Message.TextBody;
        body.ShouldContain($"第{LineOf(Broken, WindowLine.TrimEnd('}', ' '))}行第");
        body.ShouldContain("YAML 语法错误");
        body.ShouldContain($"仍按上一版计划（2026年3月2日 09:00采用，版本 {lastGood.Sha256[..12]}）执行");
    }

    [Fact]
    public void Load_SecondDifferentBadEdit_ToldOnceMore()
    {
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Broken);
        Catalog().Load(_dir.File("plans"));
        Notices().Count.ShouldBe(2);

        File.WriteAllText(PlanPath, Sample.Replace("draw_on: 2026-04-14", "draw_on: 2026-04-31"));
        Catalog().Load(_dir.File("plans"));
        Catalog().Load(_dir.File("plans"));

        var notices = Notices();
        notices.Count.ShouldBe(4);
        notices.Select(n => n.IdempotencyKey.Split('|')[2]).Distinct().Count().ShouldBe(2);
        Store().DueDeliveries(_clock.GetUtcNow(), 10).Last().Message.TextBody.ShouldContain("日期“2026-04-31”无效");
    }

    [Fact]
    public void Load_BrokenFromTheStart_NothingRunsAndNobodyIsMailed()
    {
        File.WriteAllText(PlanPath, Broken);

        Catalog().Load(_dir.File("plans")).ShouldBeEmpty();
        Catalog().Load(_dir.File("plans")).ShouldBeEmpty();

        Store().Deliveries().ShouldBeEmpty();
        Store().LastGoodPlan("2026.yaml").ShouldBeNull();
        _log.Errors.ShouldContain(e => e.Contains("not run until fixed"));
        _log.Errors.ShouldContain(e => e.Contains("2026.yaml:") && e.Contains("YAML 语法错误"));
    }

    [Fact]
    public void Load_FileReadEmptyWhileBeingSaved_LastGoodRunsAndNobodyIsMailed()
    {
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, "");

        Catalog().Load(_dir.File("plans")).Single().Campaigns.Count.ShouldBe(4);
        Notices().ShouldBeEmpty();
    }

    [Fact]
    public void Load_PlanInASubfolderOrGivenAsOneFile_KeyedByItsPathRelativeToThePlansFolder()
    {
        PlanCatalog.PlanFile(_dir.File("plans"), _dir.File("plans", "qinghe", "2026.yaml")).ShouldBe("qinghe/2026.yaml");
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(PlanPath).Single();
        Store().LastGoodPlan("2026.yaml").ShouldNotBeNull();
    }

    /// <summary>
    /// The folder is listed once for both extensions: a .yml plan runs beside a .yaml one, in path order, and nothing
    /// else in the folder is read as a plan (an editor's backup, a note, a name that only starts like a plan file).
    /// </summary>
    [Fact]
    public void Load_FolderWithYamlAndYmlPlans_BothRunInPathOrderAndOtherFilesAreIgnored()
    {
        File.WriteAllText(PlanPath, Sample);
        // Another office's plan: its own name and campaign ids, so neither file is a duplicate of the other.
        var other = Sample.Replace("清河县", "柳林县").Replace("qh-2026-", "ll-2026-");
        File.WriteAllText(_dir.File("plans", "1-liulin.yml"), other);
        File.WriteAllText(_dir.File("plans", "2026.yaml.bak"), other);
        File.WriteAllText(_dir.File("plans", "2026.yaml~"), other);
        File.WriteAllText(_dir.File("plans", "README.txt"), "not a plan");

        var plans = Catalog().Load(_dir.File("plans"));

        plans.Select(p => Path.GetFileName(p.SourcePath)).ShouldBe(["1-liulin.yml", "2026.yaml"]);
        plans[0].Campaigns.ShouldAllBe(c => c.Id.StartsWith("ll-2026-"));
        plans[1].Campaigns.ShouldAllBe(c => c.Id.StartsWith("qh-2026-"));
        _log.Entries.ShouldNotContain(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    /// <summary>The sample with the net café campaign committed to <paramref name="commitment"/> and, when given, the rest of its seed keys.</summary>
    private static string Committed(string commitment, string more = "")
    {
        const string Anchor = "    draw_on: 2026-04-14\n";
        var text = Sample.ReplaceLineEndings("\n");
        text.ShouldContain(Anchor);
        var at = text.IndexOf(Anchor, StringComparison.Ordinal);
        return text[..at] + $"    seed_commitment: {commitment}\n" + more + text[at..];
    }

    /// <summary>
    /// issue 14 (1): the first commitment seen is recorded (store and audit trail, with when and the plan's hash); a later
    /// different one, even with a seed that reveals it, is a plan error at its line: the last good plan (no seed) keeps
    /// running, so nothing is drawn, and the office is told. Only a re-commitment naming the commitment it replaces, with
    /// a reason and the approving leader, changes it, and that is audited too.
    /// </summary>
    [Fact]
    public void Load_CommitmentChangedAfterFirstSeen_PlanErrorUntilAnApprovedRecommitment()
    {
        var first = Campaigns.Core.Draws.Seeds.Commit("会前封存的种子");
        File.WriteAllText(PlanPath, Committed(first));
        Catalog().Load(_dir.File("plans")).Single().Campaign("qh-2026-netcafe").SeedCommitment.ShouldBe(first);
        var seen = Store().Commitments(["qh-2026-netcafe"])["qh-2026-netcafe"].Single();
        (seen.Commitment, seen.FirstSeenAt, seen.PlanFile, seen.SeedRevealedWithIt).ShouldBe((first, _clock.GetUtcNow(), "2026.yaml", false));
        seen.PlanSha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(PlanPath))));
        Store().AuditTrailOf("qh-2026-netcafe").ShouldContain(a => a.Action == "seed-commitment-seen" && a.DetailJson.Contains(first));

        // An operator tries seeds offline and brings the favourable one with a new commitment.
        _clock.Set(_clock.GetUtcNow().AddDays(40));
        var second = Campaigns.Core.Draws.Seeds.Commit("offline-42");
        var swapped = Committed(second, "    seed: offline-42\n");
        File.WriteAllText(PlanPath, swapped);
        var running = Catalog().Load(_dir.File("plans")).Single().Campaign("qh-2026-netcafe");
        (running.SeedCommitment, running.Seed).ShouldBe((first, null), "the last good plan runs: the draw still waits for the first commitment's seed");
        var line = LineOf(swapped, $"    seed_commitment: {second}");
        _log.Entries.ShouldContain(e => e.Message.Contains($"2026.yaml:{line}:22: 抽取种子承诺值一经记录不得更改"));
        Notices().ShouldNotBeEmpty("the office is told");
        Store().Commitments(["qh-2026-netcafe"])["qh-2026-netcafe"].Count.ShouldBe(1);

        // A re-commitment without its approving leader does not parse; one that replaces the wrong commitment is refused.
        File.WriteAllText(PlanPath, Committed(second, $"    seed: offline-42\n    seed_recommitment: {{ replaces: {first}, reason: 种子保管人调离 }}\n"));
        Catalog().Load(_dir.File("plans")).Single().Campaign("qh-2026-netcafe").SeedCommitment.ShouldBe(first);
        File.WriteAllText(PlanPath, Committed(second, $"    seed: offline-42\n    seed_recommitment: {{ replaces: {second}, reason: 种子保管人调离, approved_by: 王局长 }}\n"));
        Catalog().Load(_dir.File("plans")).Single().Campaign("qh-2026-netcafe").SeedCommitment.ShouldBe(first);

        File.WriteAllText(PlanPath, Committed(second, $"    seed: offline-42\n    seed_recommitment: {{ replaces: {first}, reason: 种子保管人调离, approved_by: 王局长 }}\n"));
        Catalog().Load(_dir.File("plans")).Single().Campaign("qh-2026-netcafe").SeedCommitment.ShouldBe(second);
        var ledger = Store().Commitments(["qh-2026-netcafe"])["qh-2026-netcafe"];
        ledger.Count.ShouldBe(2);
        (ledger[1].Commitment, ledger[1].Replaces, ledger[1].Reason, ledger[1].ApprovedBy, ledger[1].SeedRevealedWithIt)
            .ShouldBe((second, first, "种子保管人调离", "王局长", true));
        Store().AuditTrailOf("qh-2026-netcafe").ShouldContain(a => a.Action == "seed-recommitment" && a.DetailJson.Contains("王局长"));
        Campaigns.Core.Draws.Seeds.Status(second, ledger).ShouldBe("未事先承诺", "the new commitment came with its seed");
    }

    /// <summary>
    /// 004 §8: a change of the published plan's check-item list is detected against the last good version the store keeps,
    /// once; an item moved between campaigns, a change before publication, or an edit elsewhere records nothing.
    /// </summary>
    [Fact]
    public void Load_PublishedPlansCheckItemsChange_RecordedOnceAgainstTheLastGoodVersion()
    {
        const string MarketItems = "      market: [登记信息检查, 公示信息检查, 广告行为检查]";
        Sample.ShouldContain(MarketItems);
        File.WriteAllText(PlanPath, Sample);
        Catalog().Load(_dir.File("plans"));

        // 2 March: the plan (published_on 2026-03-20) is not published yet, so its list may still change freely.
        File.WriteAllText(PlanPath, Sample.Replace(MarketItems, "      market: [登记信息检查, 公示信息检查]"));
        Catalog().Load(_dir.File("plans"));
        Store().CheckItemChangeRows().ShouldBeEmpty();

        _clock.Set(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        File.WriteAllText(PlanPath, Sample.Replace(MarketItems, "      market: [登记信息检查, 公示信息检查, 价格行为检查]"));
        Catalog().Load(_dir.File("plans"));
        // A second process reading the same text records nothing more; a comment changes no item.
        Catalog().Load(_dir.File("plans"));
        File.WriteAllText(PlanPath, Sample.Replace(MarketItems, "      market: [登记信息检查, 公示信息检查, 价格行为检查]   # 4月1日调整"));
        Catalog().Load(_dir.File("plans"));

        var row = Store().CheckItemChangeRows().ShouldHaveSingleItem();
        (row.Sequence, row.ChangedOn, row.PublishedOn).ShouldBe((1L, "2026-04-01", (string?)null));
        var plan = Catalog().Load(_dir.File("plans")).Single();
        var change = Store().Snapshot(plan).Facts.CheckItemChanges.ShouldNotBeNull().Single().Change;
        var market = change.Departments.ShouldHaveSingleItem();
        (market.DepartmentId, market.Added.Single(), market.Removed.Count).ShouldBe(("market", "价格行为检查", 0));
        _log.Entries.Select(e => e.Message).ShouldContain(m => m.Contains("the published check-item list changed (县市场监督管理局增加价格行为检查)"));
    }
}
