using Campaigns.Core.Statistics;
using Campaigns.Documents;
using Campaigns.Tests.Fixtures;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Campaigns.Tests.Documents;

public class StatisticsWorkbookTests
{
    private static readonly StatisticsTable Table = StatisticsTable.ForCampaign(SampleDocuments.Plan,
        new CampaignResults(SampleDocuments.Campaign, SampleDocuments.Draw, SampleDocuments.Results, SampleDocuments.ResultDeadline));

    /// <summary>Every cell of a sheet by reference: its data type (null for a number) and stored value, strings resolved.</summary>
    public static Dictionary<string, (CellValues? Type, string Value)> Cells(byte[] workbook, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        return ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => (c.DataType?.Value, c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)] : c.CellValue?.Text ?? ""));
    }

    [Fact]
    public void Write_Sample_PassesOpenXmlValidation()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(StatisticsWorkbook.Write(Table)), false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Write_Sample_SheetsAndFrozenChineseHeaderRow()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(StatisticsWorkbook.Write(Table)), false);
        var part = document.WorkbookPart!;

        part.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["统计表", "结果分布", "说明"]);
        foreach (var worksheet in part.WorksheetParts.Select(p => p.Worksheet))
        {
            var pane = worksheet.Descendants<Pane>().Single();
            pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
            pane.TopLeftCell!.Value.ShouldBe("A2");
            worksheet.Descendants<Column>().ShouldAllBe(c => c.CustomWidth! && c.Width! > 0);
        }
        var cells = Cells(StatisticsWorkbook.Write(Table), "统计表");
        cells["A1"].Value.ShouldBe("部门");
        cells["B1"].Value.ShouldBe("随机抽查企业（户）");
        cells["I1"].Value.ShouldBe("涉嫌违法应立案调查（户）");
    }

    [Fact]
    public void Write_Sample_FiguresReadBackAsNumericCells()
    {
        var cells = Cells(StatisticsWorkbook.Write(Table), "统计表");
        var totalRow = Table.Departments.Count + 2;

        cells[$"A{totalRow}"].Value.ShouldBe("合计");
        // A numeric cell has no data type (or Number), never a shared or inline string.
        cells[$"C{totalRow}"].ShouldBe((null, "6"));
        cells[$"E{totalRow}"].ShouldBe((null, "2"));
        cells[$"K{totalRow}"].ShouldBe((null, "8"));
        decimal.Parse(cells[$"L{totalRow}"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.8889m);
        var codes = Cells(StatisticsWorkbook.Write(Table), "结果分布");
        codes["B2"].Value.ShouldBe("未发现问题");
        codes.Where(c => c.Key.StartsWith('C') && c.Key != "C1").ShouldAllBe(c => c.Value.Type == null);
        codes[$"{(char)('C' + Table.Departments.Count)}6"].ShouldBe((null, "1"));
    }

    [Fact]
    public void Write_SameTable_SameBytes()
    {
        StatisticsWorkbook.Write(Table).ShouldBe(StatisticsWorkbook.Write(Table));
    }
}
