using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Campaigns.Tests.Fixtures;

/// <summary>Writes a one-sheet workbook the way Excel stores it: text as shared strings, numbers as numbers.</summary>
public static class Xlsx
{
    public static byte[] Write(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(rows[r][c] switch
                    {
                        double number => new Cell { CellReference = reference, CellValue = new CellValue(number) },
                        var text => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Share(strings, text.ToString()!)) },
                    });
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "名录" }));
        }
        return stream.ToArray();
    }

    private static int Share(SharedStringTablePart part, string text)
    {
        part.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
        return part.SharedStringTable.Elements<SharedStringItem>().Count() - 1;
    }
}
