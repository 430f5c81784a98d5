using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Campaigns.Core.Sheets;

/// <summary>
/// A spreadsheet (CSV, or the first worksheet of an XLSX as offices export from the provincial platform) read whole
/// into header and rows, with each row's line or row number, so importers can report `file:row:column` and validate
/// everything before importing anything. Offices' sheets are small; reading them whole is the simple choice.
/// </summary>
public sealed record Sheet(IReadOnlyList<string> Headers, IReadOnlyList<Sheet.Row> Rows)
{
    /// <summary>One data row; <see cref="Line"/> is its 1-based line (CSV) or row number (XLSX); the header is row 1.</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Fields)
    {
        public string this[int column] => column >= 0 && column < Fields.Count ? Fields[column] : "";
    }

    /// <summary>By extension: .xlsx is read as a workbook, anything else as UTF-8 CSV.</summary>
    public static Sheet Read(byte[] content, string path) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? FromXlsx(content) : FromCsv(Encoding.UTF8.GetString(content));

    public static Sheet FromCsv(string text)
    {
        // Excel saves UTF-8 CSV with a byte order mark; it is not part of the first header.
        using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions { TrackLineNumbers = true });
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row((int)reader.LineNumber, [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim())]));
        }
        return new Sheet(headers, rows);
    }

    /// <summary>
    /// The first worksheet. Cells are read as text: shared and inline strings as they are, numbers as Excel stores
    /// them (a date cell is its serial number; the importers accept that for dates).
    /// </summary>
    public static Sheet FromXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var first = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException("The workbook has no worksheet.");
        var worksheet = (WorksheetPart)workbook.GetPartById(first.Id!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var table = worksheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => (Number: (int)(r.RowIndex?.Value ?? 0), Cells: r.Elements<Cell>().ToDictionary(c => ColumnIndex(c.CellReference?.Value ?? "A"), c => Text(c, strings).Trim())))
            .Where(r => r.Cells.Values.Any(v => v.Length > 0))
            .ToList();
        if (table.Count == 0)
        {
            return new Sheet([], []);
        }
        var width = table.Max(r => r.Cells.Count == 0 ? 0 : r.Cells.Keys.Max() + 1);
        IReadOnlyList<string> Fields((int Number, Dictionary<int, string> Cells) row) =>
            [.. Enumerable.Range(0, width).Select(i => row.Cells.GetValueOrDefault(i, ""))];
        return new Sheet(Fields(table[0]), [.. table.Skip(1).Select(r => new Row(r.Number, Fields(r)))]);
    }

    /// <summary>0-based index of a header, or -1.</summary>
    public int Column(string header) => Headers.ToList().IndexOf(header);

    /// <summary>The same sheet with headers renamed by <paramref name="aliases"/> (other name → canonical name).</summary>
    public Sheet Renamed(IReadOnlyDictionary<string, string> aliases) =>
        this with { Headers = [.. Headers.Select(h => aliases.GetValueOrDefault(h, h))] };

    private static string Text(Cell cell, IReadOnlyList<string> strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var index) && index < strings.Count)
        {
            return strings[index];
        }
        return cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : raw;
    }

    /// <summary>"A1" → 0, "AB7" → 27.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }
}
