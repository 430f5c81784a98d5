using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Campaigns.Documents;

/// <summary>
/// Writes an Excel workbook (.xlsx) of simple sheets: a bold wrapped header row, frozen; whole numbers and decimals
/// (as percentages) as numeric cells, <see cref="WorkbookDate"/> as date cells (yyyy-mm-dd), text through the
/// shared-string table, null as an empty cell. The same sheets
/// always give the same bytes: part ids are fixed and zip entry times too, so a rewritten file hashes as before.
/// </summary>
public static class Workbook
{
    // Zip's earliest date; System.IO.Packaging would stamp the clock's time on every part.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const uint Header = 1, TextCell = 2, Integer = 3, Percent = 4, DateCell = 5;

    /// <summary>The custom number format of date cells: the first id Excel leaves to workbooks.</summary>
    private const uint IsoDateFormat = 164;

    public static byte[] Write(IReadOnlyList<WorkbookSheet> sheetsToWrite)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            // Part ids given, not generated: OpenXml would otherwise name relationships (and the core-properties part,
            // so there is none) after fresh GUIDs.
            var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = Stylesheet();
            var strings = new SharedStrings(workbook.AddNewPart<SharedStringTablePart>("rIdStrings"));
            var sheets = new Sheets();
            workbook.Workbook.AppendChild(sheets);
            foreach (var sheet in sheetsToWrite)
            {
                Add(workbook, sheets, sheet.Name, strings, sheet.Headers, sheet.Widths, sheet.Rows);
            }
            strings.Save();
        }
        return FixEntryTimes(stream);
    }

    private static void Add(
        WorkbookPart workbook, Sheets sheets, string name, SharedStrings strings,
        IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>($"rIdSheet{sheets.ChildElements.Count + 1}");
        var data = new SheetData();
        // Headers as long as 涉嫌违法应立案调查（户） wrap in their narrow columns: room for three lines.
        var header = new Row { RowIndex = 1, Height = 45, CustomHeight = true };
        for (var c = 0; c < headers.Count; c++)
        {
            header.Append(strings.Cell(Reference(c, 1), headers[c], Header));
        }
        data.Append(header);
        var number = 2u;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = number };
            for (var c = 0; c < values.Count; c++)
            {
                var reference = Reference(c, number);
                row.Append(values[c] switch
                {
                    int n => new Cell { CellReference = reference, CellValue = new CellValue(n), StyleIndex = Integer },
                    decimal rate => new Cell { CellReference = reference, CellValue = new CellValue(rate), StyleIndex = Percent },
                    string text => strings.Cell(reference, text, TextCell),
                    // A date column: Excel shows and stores what the office picks or types there as a date (its serial).
                    WorkbookDate { Value: { } date } => new Cell
                    {
                        CellReference = reference,
                        CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()),
                        StyleIndex = DateCell,
                    },
                    WorkbookDate => new Cell { CellReference = reference, StyleIndex = DateCell },
                    // No rate without results: an empty bordered cell, not 0 %.
                    _ => new Cell { CellReference = reference, StyleIndex = Percent },
                });
            }
            data.Append(row);
            number++;
        }
        var frozen = new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = sheets.ChildElements.Count == 0 };
        part.Worksheet = new Worksheet(
            new SheetViews(frozen),
            new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
            data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.ChildElements.Count + 1), Name = name });
    }

    /// <summary>Fonts, fills and borders Excel requires (two fills are reserved), then the four cell formats used.</summary>
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = IsoDateFormat, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true, ApplyAlignment = true },
            // Built-in formats: 1 is "0", 10 is "0.00%".
            new CellFormat { NumberFormatId = 1, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyNumberFormat = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = 10, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyNumberFormat = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = IsoDateFormat, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyNumberFormat = true, ApplyBorder = true })
        { Count = 6 });

    /// <summary>A1 reference; columns past Z (an office-year with many departments) go on AA, AB….</summary>
    private static string Reference(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return $"{letters}{row}";
    }

    private static byte[] FixEntryTimes(MemoryStream package)
    {
        using (var zip = new ZipArchive(package, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                entry.LastWriteTime = EntryTime;
            }
        }
        return package.ToArray();
    }

    /// <summary>Text as Excel stores it: each distinct string once in the shared-string table, cells pointing at it.</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly SharedStringTable _table = new();

        public Cell Cell(string reference, string text, uint style)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _index.Count;
                _index[text] = i;
                _table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i), StyleIndex = style };
        }

        public void Save()
        {
            _table.Count = (uint)_index.Count;
            _table.UniqueCount = (uint)_index.Count;
            part.SharedStringTable = _table;
        }
    }
}
