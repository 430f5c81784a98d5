using Campaigns.Documents;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Campaigns.Tests.Documents;

/// <summary>Date columns (the results template's 检查日期): formatted yyyy-mm-dd, read back as the serial the import accepts.</summary>
public class WorkbookDateTests
{
    private static byte[] Workbook() => Campaigns.Documents.Workbook.Write(
    [
        new WorkbookSheet("检查结果录入", ["统一社会信用代码", "检查日期"], [20, 12],
            [["91350100M000100Y43", new WorkbookDate(null)], ["91350100M000100Y43", new WorkbookDate(new DateOnly(2026, 4, 20))]]),
    ]);

    [Fact]
    public void Write_DateCells_StyledAsIsoDates_ValidOpenXml()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Workbook()), false);
        new OpenXmlValidator().Validate(document).Select(e => e.Description).ShouldBeEmpty();
        var part = document.WorkbookPart!;
        var styles = part.WorkbookStylesPart!.Stylesheet;
        var cells = part.WorksheetParts.Single().Worksheet.Descendants<Cell>().Where(c => c.CellReference!.Value!.StartsWith('B') && c.CellReference.Value != "B1").ToList();

        cells.Count.ShouldBe(2);
        foreach (var cell in cells)
        {
            var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            styles.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value.ShouldBe("yyyy-mm-dd");
        }
    }

    [Fact]
    public void Write_DateCell_ReadBackAsItsExcelSerial()
    {
        var sheet = Campaigns.Core.Sheets.Sheet.Load(Workbook(), "template.xlsx").Sheet.ShouldNotBeNull();

        sheet.Rows.Select(r => r[1]).ShouldBe(["", "46132"]);
    }
}
