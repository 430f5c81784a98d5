using Campaigns.Tests.Fixtures;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Campaigns.Tests.Cli;

/// <summary>Names typed into a plan that a spreadsheet would run as formulas stay text in every sheet the CLI writes.</summary>
public class CsvInjectionCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The sample plan with the market department and two of its items named like formulas.</summary>
    private async Task<Dictionary<string, string>> Simulated()
    {
        var plan = File.ReadAllText(Repository.Path("config", "plans", "2026.yaml"))
            .Replace("name: 县市场监督管理局", "name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"县市场监督管理局\\\")\"")
            .Replace("market: [登记信息检查, 公示信息检查, 广告行为检查]", "market: [\"@登记信息检查\", \"+公示信息检查\", \"-广告行为检查\"]");
        var path = _dir.File("2026.yaml");
        File.WriteAllText(path, plan);
        var simulate = await CliProcess.Run("simulate", "--plan", path, "--directory", "config/directories",
            "--from", "2026-04-14", "--to", "2026-04-14", "--out", _dir.Path, "--results", "missing");
        simulate.ExitCode.ShouldBe(0, simulate.Error);
        return new() { ["Campaigns__Database"] = _dir.File("campaigns.db"), ["Campaigns__Plans"] = path };
    }

    [Fact]
    public async Task ResultsTemplate_Csv_FormulaNamesQuoted_FilledSheetImportsUnderTheirOwnNames()
    {
        var environment = await Simulated();
        var sheet = _dir.File("results.csv");

        var template = await CliProcess.Run(environment, "results", "template", "--campaign", "qh-2026-netcafe", "--out", sheet);

        template.ExitCode.ShouldBe(0, template.Error);
        var rows = Campaigns.Core.Sheets.Sheet.Load(File.ReadAllBytes(sheet), sheet).Sheet.ShouldNotBeNull().Rows;
        rows.ShouldContain(r => r[1] == "'=HYPERLINK(\"http://evil.example\",\"县市场监督管理局\")" && r[4] == "'@登记信息检查");
        rows.ShouldContain(r => r[4] == "'+公示信息检查");
        rows.ShouldContain(r => r[4] == "'-广告行为检查");
        rows.SelectMany(r => r.Fields).ShouldAllBe(f => f.Length == 0 || "=+-@\t\r".IndexOf(f[0]) < 0);

        // The office fills code, date and signature; the names keep their marks and still match the plan.
        var filled = new System.Text.StringBuilder();
        Campaigns.Core.Sheets.CsvField.AppendLine(filled, Campaigns.Core.Results.ResultImport.Headers);
        foreach (var r in rows)
        {
            Campaigns.Core.Sheets.CsvField.AppendLine(filled, [r[0], r[1], "1", "2026-04-20", r[4], r[5], "", "是", "", "", "", "", ""]);
        }
        File.WriteAllText(sheet, filled.ToString());
        var import = await CliProcess.Run(environment, "results", "import", sheet, "--campaign", "qh-2026-netcafe");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Out.ShouldContain($"已录入{rows.Count}条检查结果");
        Campaigns.Storage.CampaignStore.Open(environment["Campaigns__Database"]).Results("qh-2026-netcafe")
            .ShouldContain(e => e.DepartmentId == "market" && e.Item == "@登记信息检查");
    }

    [Fact]
    public async Task ResultsTemplate_Xlsx_FormulaNamesAreStringCells()
    {
        var environment = await Simulated();
        var workbook = _dir.File("results.xlsx");

        var template = await CliProcess.Run(environment, "results", "template", "--campaign", "qh-2026-netcafe", "--out", workbook);

        template.ExitCode.ShouldBe(0, template.Error);
        using var document = SpreadsheetDocument.Open(workbook, false);
        var cells = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).ToList();
        cells.ShouldAllBe(c => c.CellFormula == null);
        var strings = document.WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        strings.ShouldContain("=HYPERLINK(\"http://evil.example\",\"县市场监督管理局\")");
        strings.ShouldContain("@登记信息检查");
    }

    [Fact]
    public async Task Statistics_Csv_FormulaDepartmentQuoted()
    {
        var environment = await Simulated();
        var output = _dir.File("statistics.csv");

        var statistics = await CliProcess.Run(environment, "statistics", "--plan", environment["Campaigns__Plans"], "--campaign", "qh-2026-netcafe", "--format", "csv", "--out", output);

        statistics.ExitCode.ShouldBe(0, statistics.Error);
        var rows = Campaigns.Core.Sheets.Sheet.Load(File.ReadAllBytes(output), output).Sheet.ShouldNotBeNull().Rows;
        rows.Select(r => r[0]).ShouldContain("'=HYPERLINK(\"http://evil.example\",\"县市场监督管理局\")");
    }
}
