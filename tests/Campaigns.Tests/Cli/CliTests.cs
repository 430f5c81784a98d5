using System.Text.Json;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Cli;

/// <summary>The commands admins type, through the real binary.</summary>
public class CliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Validate_SamplePlan_ExitsZeroSilently()
    {
        var result = await CliProcess.Run("validate", "config/plans/2026.yaml");
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_PlanWithSeveralErrors_ExitsOneWithEveryProblemAsPathLineColumn()
    {
        var plan = File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"))
            .Replace("lead: police", "lead: tax")
            .Replace("end: 2026-06-12", "end: 2026-05-01")
            .Replace("ratio: 0.20", "ratio: 1.2");
        var path = _dir.File("bad.yaml");
        File.WriteAllText(path, plan);

        var result = await CliProcess.Run("validate", path);

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.ShouldContain(l => l.StartsWith(path + ":") && l.Contains("牵头部门“tax”不在 departments 中"));
        result.ErrorLines.ShouldContain(l => l.Contains("检查时间窗结束日期早于开始日期"));
        result.ErrorLines.ShouldContain(l => l.Contains("抽取比例必须大于 0 且不超过 1"));
        result.ErrorLines.ShouldAllBe(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^.+\.yaml:\d+:\d+: "));
    }

    [Fact]
    public async Task Validate_PlanYearBegunWithoutPublishedOn_WarnsWith001_8_ByTheInjectedClock()
    {
        // 001 (八): nothing is drawn before the plan is published. The date is the worker's clock, set here.
        var path = _dir.File("unpublished.yaml");
        File.WriteAllText(path, File.ReadAllText(Repository.Path("config", "plans", "2026.yaml")).Replace("  published_on: 2026-03-20", "  # published_on:"));
        Dictionary<string, string> At(string start) => new()
        {
            ["Campaigns__ClockStart"] = start,
            ["Campaigns__ClockOrigin"] = DateTimeOffset.UtcNow.ToString("O"),
        };

        var begun = await CliProcess.Run(At("2026-04-01T09:00:00+08:00"), "validate", path);
        begun.ExitCode.ShouldBe(0, begun.Error);
        begun.ErrorLines.ShouldHaveSingleItem().ShouldContain("警告：计划年度已开始（今天2026-04-01），未填写计划实际公示日期（published_on）");
        begun.ErrorLines[0].ShouldContain("001 (八)");
        var before = await CliProcess.Run(At("2025-12-01T09:00:00+08:00"), "validate", path);
        (before.ExitCode, before.Error).ShouldBe((0, ""));
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsOne()
    {
        var result = await CliProcess.Run("validate", "config/plans/none.yaml");
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("config/plans/none.yaml:1:1: 找不到计划文件");
    }

    [Fact]
    public async Task Timeline_Json_EveryMilestoneWithDocumentedFields()
    {
        var result = await CliProcess.Run("timeline", "--plan", "config/plans/2026.yaml", "--format", "json");
        result.ExitCode.ShouldBe(0, result.Error);
        var items = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        items.Count.ShouldBe(1 + 4 * 6);
        items[0].GetProperty("campaign").ValueKind.ShouldBe(JsonValueKind.Null);
        items[0].GetProperty("milestone").GetString().ShouldBe("plan-publication-deadline");
        items.ShouldAllBe(i => i.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "campaign", "milestone", "date", "provisional", "waiting_for" }));
        // The sample plan is published (20 March) before its first draw: no draw waits (001 (八)).
        items.ShouldAllBe(i => i.GetProperty("waiting_for").ValueKind == JsonValueKind.Null);
        // Pharmacy's results and publicity (both 20 working days, 002 五(三)7) run into 2027, whose holiday notice is not out.
        items.Where(i => i.GetProperty("provisional").GetBoolean()).Select(i => (i.GetProperty("campaign").GetString(), i.GetProperty("milestone").GetString()))
            .ShouldBe([("qh-2026-pharmacy", "result-entry-deadline"), ("qh-2026-pharmacy", "publicity-deadline")]);
        items.Single(i => i.GetProperty("campaign").GetString() == "qh-2026-netcafe" && i.GetProperty("milestone").GetString() == "result-entry-deadline")
            .GetProperty("date").GetString().ShouldBe("2026-06-29");
    }

    [Fact]
    public async Task Simulate_Json_EventsWithDocumentedFields()
    {
        var result = await CliProcess.SimulateSample("2026-03-15", "2026-04-15", _dir.Path, "--format", "json");
        result.ExitCode.ShouldBe(0, result.Error);
        var events = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        events.ShouldAllBe(e => e.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "date", "campaign", "event", "from-state", "to-state", "detail" }));
        events.ShouldContain(e => e.GetProperty("date").GetString() == "2026-04-14" && e.GetProperty("to-state").GetString() == "Drawn");
        Directory.GetFiles(Path.Combine(_dir.Path, "mail"), "*.eml").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Status_AfterSimulation_ShowsStateNextMilestoneAndFlags()
    {
        var simulate = await CliProcess.SimulateSample("2026-01-01", "2026-07-05", _dir.Path, "--results", "missing");
        simulate.ExitCode.ShouldBe(0, simulate.Error);

        // status reads the store the configuration names; point it at the simulation's.
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Database"] = Path.Combine(_dir.Path, "campaigns.db"),
            ["Campaigns__Plans"] = "config/plans/2026.yaml",
        };
        var result = await CliProcess.Run(environment, "status", "--format", "json");
        result.ExitCode.ShouldBe(0, result.Error);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        var netcafe = rows.Single(r => r.GetProperty("Campaign").GetString() == "qh-2026-netcafe");
        netcafe.GetProperty("State").GetString().ShouldBe("ResultEntry");
        netcafe.GetProperty("Flags").EnumerateArray()
            .Select(f => (f.GetProperty("Kind").GetString(), f.GetProperty("Subject").GetString(), f.GetProperty("Since").GetString()))
            .ShouldContain(("results-overdue", "police", "2026-06-30"));
    }

    [Fact]
    public async Task ResultsImport_GoodSheetEntersAll_ChangedSheetEntersNothing()
    {
        var simulate = await CliProcess.SimulateSample("2026-04-14", "2026-06-01", _dir.Path, "--results", "missing");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        var database = Path.Combine(_dir.Path, "campaigns.db");
        var draw = Campaigns.Storage.CampaignStore.Open(database).Draw("qh-2026-netcafe").ShouldNotBeNull();
        var rows = draw.Entities.SelectMany(e => new[] { "police", "县市场监督管理局", "culture" }.Select(d => $"{e.Uscc},{d},1,2026-05-10,"));
        var sheet = _dir.File("results.csv");
        File.WriteAllText(sheet, "统一社会信用代码,部门,检查结果,检查日期,备注\n" + string.Join("\n", rows) + "\n");
        var environment = new Dictionary<string, string> { ["Campaigns__Database"] = database, ["Campaigns__Plans"] = "config/plans/2026.yaml" };

        var first = await CliProcess.Run(environment, "results", "import", sheet, "--campaign", "qh-2026-netcafe");
        first.ExitCode.ShouldBe(0, first.Error);
        first.Out.ShouldContain($"已录入{draw.Entities.Count * 3}条检查结果");

        File.WriteAllText(sheet, File.ReadAllText(sheet).Replace(",police,1,", ",police,10,"));
        var changed = await CliProcess.Run(environment, "results", "import", sheet, "--campaign", "qh-2026-netcafe");
        changed.ExitCode.ShouldBe(1);
        changed.ErrorLines.Count(l => l.Contains("不能直接修改")).ShouldBe(draw.Entities.Count);
        changed.Error.ShouldContain("未录入任何结果");
        Campaigns.Storage.CampaignStore.Open(database).Results("qh-2026-netcafe").ShouldAllBe(r => r.Code == Campaigns.Core.Results.ResultCode.NoProblemFound);
    }

    [Fact]
    public async Task Substitute_AppendsAReplacement_AndVerifyDrawStillMatchesTheOriginal()
    {
        var environment = await Simulated("2026-04-14", "2026-04-14", "on-time");
        var database = Path.Combine(_dir.Path, "campaigns.db");
        var drawn = Campaigns.Storage.CampaignStore.Open(database).Draw("qh-2026-netcafe")!.Groups[0].Members[0].CertificateNumber;

        var result = await CliProcess.Run(environment, "substitute", "--campaign", "qh-2026-netcafe", "--inspector", drawn,
            "--reason", "因病住院", "--approved-by", "县公安局局长");
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain($"第1次递补：第1检查组 {drawn} 由");
        Campaigns.Storage.CampaignStore.Open(database).Substitutions("qh-2026-netcafe").Single().Replaced.ShouldBe(drawn);

        // The draw keeps the directory files it read beside its record, so it can be verified after any later import.
        var folder = Path.Combine(_dir.Path, "documents", "2026", "qh-2026-netcafe");
        File.ReadAllBytes(Path.Combine(folder, "snapshot", "inspectors.csv")).ShouldBe(File.ReadAllBytes(Repository.Path("config", "directories", "inspectors.csv")));
        DrawRecordSchema.ShouldBeValid(File.ReadAllText(Path.Combine(folder, "draw-record.json")));
        File.Exists(Path.Combine(folder, "substitutions.json")).ShouldBeTrue("the substitution is kept beside the record for the verifiers");
        File.ReadAllText(Path.Combine(folder, "draw-record.html")).ShouldContain("递补情况");
        var verify = await CliProcess.Run("verify-draw", Path.Combine(folder, "draw-record.json"), "--directory", Path.Combine(folder, "snapshot"),
            "--year", Path.Combine(_dir.Path, "documents", "2026"));
        verify.ExitCode.ShouldBe(0, verify.Out);
        verify.Out.ShouldContain("一致：名录库快照（3个文件）与记录的哈希相符");
        verify.Out.ShouldContain("检查组的人员、组长和回避记录、1次递补、年度排除名单均与重新计算的相同");
        var python = await DrawFolders.Python(folder, "--year", Path.Combine(_dir.Path, "documents", "2026"));
        python.Lines[^1].ShouldBe("match", string.Join("\n", python.Lines) + python.Error);

        // The snapshot's inspectors edited after the draw: the hash no longer binds, and verify-draw names the file.
        File.AppendAllText(Path.Combine(folder, "snapshot", "inspectors.csv"), "新人,男,police,科员,999999,2030-12-31,,,\n");
        var edited = await CliProcess.Run("verify-draw", Path.Combine(folder, "draw-record.json"), "--directory", Path.Combine(folder, "snapshot"));
        edited.ExitCode.ShouldBe(1, edited.Out);
        edited.Out.ShouldContain("snapshot[1].sha256: inspectors.csv has been changed");
    }

    [Fact]
    public async Task DirectoryImport_BadRowsImportNothing_GoodFileReplacesTheDirectory()
    {
        var folder = Path.Combine(_dir.Path, "directories");
        Directory.CreateDirectory(folder);
        var current = Path.Combine(folder, "inspectors.csv");
        File.WriteAllText(current, "unchanged");
        // The plans come through the catalog, which keeps their last good versions in the store: a store of the test's own.
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Directories"] = folder, ["Campaigns__Plans"] = "config/plans/2026.yaml", ["Campaigns__Database"] = _dir.File("campaigns.db"),
        };
        var good = File.ReadAllLines(Repository.Path("config", "directories", "inspectors.csv"));
        var bad = _dir.File("bad.csv");
        File.WriteAllLines(bad, [
            good[0],
            good[1],
            good[2].Replace(",police,", ",县消防大队,"),                       // unknown department, row 3
            good[3].Replace(good[3].Split(',')[4], good[1].Split(',')[4]),    // certificate of row 2 again, row 4
            "王某,男,police,科员,PO-X,2027-02-30,,,91130534MA0R00001B",       // bad date and a bad check character, row 5
        ]);

        var rejected = await CliProcess.Run(environment, "directory", "import", bad);

        rejected.ExitCode.ShouldBe(1);
        rejected.ErrorLines.ShouldContain(l => l.StartsWith($"{bad}:3:3: 单位“县消防大队”不是年度抽查计划中的部门"));
        rejected.ErrorLines.ShouldContain(l => l.StartsWith($"{bad}:4:5: 执法证号") && l.Contains("与第2行重复"));
        rejected.ErrorLines.ShouldContain(l => l.StartsWith($"{bad}:5:6: 证件有效期至“2027-02-30”无效"));
        rejected.ErrorLines.ShouldContain(l => l.StartsWith($"{bad}:5:9: 回避对象中的统一社会信用代码“91130534MA0R00001B”校验位错误"));
        rejected.ErrorLines.Last().ShouldStartWith("名录库未作任何更改");
        File.ReadAllText(current).ShouldBe("unchanged");

        var accepted = await CliProcess.Run(environment, "directory", "import", Repository.Path("config", "directories", "inspectors.csv"));

        accepted.ExitCode.ShouldBe(0, accepted.Error);
        accepted.Out.ShouldContain($"已导入执法检查人员名录库：{good.Length - 1}名");
        File.ReadAllLines(current).ShouldBe(good);
    }

    [Fact]
    public async Task DirectoryImport_XlsxExport_ReplacesTheCsvAndToldByItsHeaders()
    {
        var folder = Path.Combine(_dir.Path, "directories");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "entities.csv"), "older");
        var export = _dir.File("导出.xlsx");
        File.WriteAllBytes(export, Xlsx.Write(
            ["企业名称", "统一社会信用代码", "住所", "法定代表人", "行业", "区域", "信用风险分类", "登记状态"],
            ["清河县网吧1", "91130534MA0R00001F", "连庄镇1号", "法人", "互联网上网服务营业场所", "连庄镇", "A", "存续"]));
        // The plans come through the catalog, which keeps their last good versions in the store: a store of the test's own.
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Directories"] = folder, ["Campaigns__Plans"] = "config/plans/2026.yaml", ["Campaigns__Database"] = _dir.File("campaigns.db"),
        };

        var result = await CliProcess.Run(environment, "directory", "import", export);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("已导入检查对象名录库：1户，其中可抽取（存续）1户；信用风险分类 A 1户");
        File.Exists(Path.Combine(folder, "entities.xlsx")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, "entities.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Deliveries_ListsByState_AndRetryPutsADeadLetterBackInLine()
    {
        var simulate = await CliProcess.SimulateSample("2026-03-20", "2026-04-14", _dir.Path);
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        var database = Path.Combine(_dir.Path, "campaigns.db");
        var store = Campaigns.Storage.CampaignStore.Open(database);
        var sent = store.Deliveries("sent");
        sent.Count.ShouldBeGreaterThan(1);
        store.Retry(sent[0].Id, DateTimeOffset.UnixEpoch).ShouldBeFalse();
        store.MarkFailed(sent[1].Id, "550 5.1.1 mailbox unavailable", dead: true);
        var environment = new Dictionary<string, string> { ["Campaigns__Database"] = database, ["Campaigns__Plans"] = "config/plans/2026.yaml" };

        var dead = await CliProcess.Run(environment, "deliveries", "--state", "dead", "--format", "json");
        dead.ExitCode.ShouldBe(0, dead.Error);
        var rows = JsonDocument.Parse(dead.Out).RootElement.EnumerateArray().ToList();
        rows.Single().GetProperty("id").GetInt64().ShouldBe(sent[1].Id);
        rows.Single().GetProperty("last-error").GetString().ShouldBe("550 5.1.1 mailbox unavailable");
        (await CliProcess.Run(environment, "deliveries")).Out.ShouldContain("发送失败");

        var retry = await CliProcess.Run(environment, "deliveries", "retry", $"{sent[1].Id}");
        retry.ExitCode.ShouldBe(0, retry.Error);
        Campaigns.Storage.CampaignStore.Open(database).Deliveries("pending").Single().Attempts.ShouldBe(0);
        var again = await CliProcess.Run(environment, "deliveries", "retry", $"{sent[0].Id}");
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("已发送");
    }

    [Fact]
    public async Task Publish_ConfirmsOnce_BadInputChangesNothing()
    {
        // The on-time year says on which day netcafe's publicity is prepared; simulate up to that day only.
        var year = await CliProcess.SimulateSample("2026-01-01", "2026-12-31", Path.Combine(_dir.Path, "year"), "--format", "json");
        year.ExitCode.ShouldBe(0, year.Error);
        var prepared = JsonDocument.Parse(year.Out).RootElement.EnumerateArray()
            .First(e => e.GetProperty("campaign").GetString() == "qh-2026-netcafe" && e.GetProperty("to-state").GetString() == "AwaitingPublication")
            .GetProperty("date").GetString()!;
        var environment = await Simulated("2026-01-01", prepared, "on-time");
        var database = Path.Combine(_dir.Path, "campaigns.db");

        var bad = await CliProcess.Run(environment, "publish", "--campaign", "qh-2026-netcafe", "--url", "gsxt", "--on", "2099-01-01");
        bad.ExitCode.ShouldBe(1);
        bad.ErrorLines.Length.ShouldBe(2);
        Campaigns.Storage.CampaignStore.Open(database).PublicationOf("qh-2026-netcafe").ShouldBeNull();

        // The sample plan has the office confirm for all: a department's own confirmation is refused and records nothing.
        var own = await CliProcess.Run(environment, "publish", "--campaign", "qh-2026-netcafe", "--department", "police", "--url", "https://www.gsxt.gov.cn/gs/police", "--on", prepared);
        own.ExitCode.ShouldBe(1);
        own.Error.ShouldContain("未设置 publicity_by: department");
        Campaigns.Storage.CampaignStore.Open(database).DepartmentPublicationsOf("qh-2026-netcafe").ShouldBeEmpty();

        var good = await CliProcess.Run(environment, "publish", "--campaign", "qh-2026-netcafe", "--url", "https://www.gsxt.gov.cn/gs/netcafe", "--on", prepared);
        good.ExitCode.ShouldBe(0, good.Error);
        good.Out.ShouldContain("已登记");
        // The sample plan sets no bulletin_working_days (001 (十一)): there is no bulletin to confirm.
        var bulletin = await CliProcess.Run(environment, "publish", "--bulletin", "--campaign", "qh-2026-netcafe", "--url", "https://www.qinghe.gov.cn/b", "--on", prepared);
        bulletin.ExitCode.ShouldBe(1);
        bulletin.Error.ShouldContain("未设置 bulletin_working_days");
        Campaigns.Storage.CampaignStore.Open(database).BulletinOf("qh-2026-netcafe").ShouldBeNull();
        var again = await CliProcess.Run(environment, "publish", "--campaign", "qh-2026-netcafe", "--url", "https://example.gov.cn/other", "--on", prepared);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("https://www.gsxt.gov.cn/gs/netcafe");
        Campaigns.Storage.CampaignStore.Open(database).PublicationOf("qh-2026-netcafe")!.Url.ShouldBe("https://www.gsxt.gov.cn/gs/netcafe");
    }

    [Fact]
    public async Task ResultsTemplate_FilledAndImported_ThenASingleCorrection_ShowsInHistory()
    {
        var environment = await Simulated("2026-04-14", "2026-04-14", "missing");
        var database = Path.Combine(_dir.Path, "campaigns.db");
        var sheet = _dir.File("netcafe-results.csv");

        var template = await CliProcess.Run(environment, "results", "template", "--campaign", "qh-2026-netcafe", "--out", sheet);
        template.ExitCode.ShouldBe(0, template.Error);
        template.Out.ShouldContain("10 不合格");
        var lines = File.ReadAllLines(sheet);
        File.ReadAllBytes(sheet)[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte order mark, so Excel reads the Chinese right");
        lines[0].ShouldBe(string.Join(",", Campaigns.Core.Results.ResultImport.Headers));
        // The office fills code, date and signature in each row; the inspectors are already there.
        File.WriteAllLines(sheet, [lines[0], .. lines.Skip(1).Select(l => l.Split(',') is var f ? string.Join(",", f[0], f[1], "1", "2026-04-20", f[4], f[5], "", "是", "", "", "", "") : l)]);
        var import = await CliProcess.Run(environment, "results", "import", sheet, "--campaign", "qh-2026-netcafe");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain($"已录入{lines.Length - 1}条检查结果");

        var first = lines[1].Split(',');
        first[4].ShouldNotBeEmpty("the sample plan lists check items, so the sheet has a row per item");
        var correct = await CliProcess.Run(environment, "results", "enter", "--campaign", "qh-2026-netcafe", "--entity", first[0],
            "--department", first[1], "--item", first[4], "--code", "8", "--date", "2026-04-20", "--inspectors", first[5], "--signed", "是",
            "--correction-reason", "复核发现问题", "--signed-by", "县公安局局长");
        correct.ExitCode.ShouldBe(0, correct.Error);
        correct.Out.ShouldContain("更正1条");
        var unsigned = await CliProcess.Run(environment, "results", "enter", "--campaign", "qh-2026-netcafe", "--entity", first[0],
            "--department", first[1], "--item", first[4], "--code", "5", "--date", "2026-04-20", "--inspectors", first[5], "--signed", "是");
        unsigned.ExitCode.ShouldBe(1);
        unsigned.Error.ShouldContain("不能直接修改");

        var history = await CliProcess.Run(environment, "results", "history", "--campaign", "qh-2026-netcafe");
        history.Out.ShouldContain("更正 1 → 8 发现问题待后续处理；理由：复核发现问题；签字负责人：县公安局局长");
        history.Out.ShouldContain($"（{first[4]}）");
        Campaigns.Storage.CampaignStore.Open(database).Results("qh-2026-netcafe")
            .Count(r => r.Code == Campaigns.Core.Results.ResultCode.ProblemFoundFollowUpPending).ShouldBe(1);
    }

    [Fact]
    public async Task FollowUp_AProblemFound_IsListedOpen_ThenClosedWithWhatWasDone()
    {
        var environment = await Simulated("2026-04-14", "2026-04-14", "missing");
        var database = Path.Combine(_dir.Path, "campaigns.db");
        var draw = Campaigns.Storage.CampaignStore.Open(database).Draw("qh-2026-netcafe")!;
        var uscc = draw.Entities[0].Uscc;
        var inspectors = string.Join(";", draw.Groups.First(g => g.EntityUsccs.Contains(uscc)).Members.Where(m => m.DepartmentId == "market").Select(m => m.CertificateNumber));
        var enter = await CliProcess.Run(environment, "results", "enter", "--campaign", "qh-2026-netcafe", "--entity", uscc, "--department", "market",
            "--code", "2", "--date", "2026-04-20", "--inspectors", inspectors, "--signed", "是");
        enter.ExitCode.ShouldBe(0, enter.Error);

        var open = await CliProcess.Run(environment, "followup", "list", "--campaign", "qh-2026-netcafe");
        open.Out.ShouldContain($"{uscc} market 结果2 未按规定公示应当公示的信息 期限2026-04-29 待处理");
        var close = await CliProcess.Run(environment, "followup", "close", "--campaign", "qh-2026-netcafe", "--entity", uscc, "--department", "县市场监督管理局",
            "--action", "abnormal", "--note", "清市监异〔2026〕8号");
        close.ExitCode.ShouldBe(0, close.Error);
        var closed = await CliProcess.Run(environment, "followup", "list", "--campaign", "qh-2026-netcafe");
        closed.Out.ShouldContain("已处理：列入经营异常名录（清市监异〔2026〕8号");
        closed.Out.ShouldContain("待处理0项");
        (await CliProcess.Run(environment, "followup", "close", "--campaign", "qh-2026-netcafe", "--entity", "91130534MA0R00001F", "--department", "market",
            "--action", "case", "--note", "x")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task ResultsTemplate_Xlsx_CodeListSheet_FilledWorkbookImports()
    {
        var environment = await Simulated("2026-04-14", "2026-04-14", "missing");
        var workbook = _dir.File("netcafe-results.xlsx");

        var template = await CliProcess.Run(environment, "results", "template", "--campaign", "qh-2026-netcafe", "--out", workbook);
        template.ExitCode.ShouldBe(0, template.Error);

        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(workbook, false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ShouldBeEmpty();
            document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ShouldBe(["检查结果录入", "结果代码"]);
        }
        var sheet = Campaigns.Core.Sheets.Sheet.Load(File.ReadAllBytes(workbook), workbook).Sheet!;
        sheet.Headers.ShouldBe(Campaigns.Core.Results.ResultImport.Headers);
        // The office fills code, date and signature; everything else is as generated.
        object[][] filled = [[.. sheet.Headers], .. sheet.Rows.Select(r => (object[])[r[0], r[1], "1", "2026-04-20", r[4], r[5], "", "是", "", "", "", ""])];
        File.WriteAllBytes(workbook, Xlsx.Write(filled));
        var import = await CliProcess.Run(environment, "results", "import", workbook, "--campaign", "qh-2026-netcafe");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain($"已录入{sheet.Rows.Count}条检查结果");
    }

    /// <summary>Simulates the sample plan into the test folder; the settings returned point a command at that run's store.</summary>
    private async Task<Dictionary<string, string>> Simulated(string from, string to, string results)
    {
        var simulate = await CliProcess.SimulateSample(from, to, _dir.Path, "--results", results);
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        return new() { ["Campaigns__Database"] = Path.Combine(_dir.Path, "campaigns.db"), ["Campaigns__Plans"] = "config/plans/2026.yaml",
            ["Campaigns__Documents"] = Path.Combine(_dir.Path, "documents") };
    }
}
