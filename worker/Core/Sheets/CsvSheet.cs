using CsvHelper;

namespace Campaigns.Core.Sheets;

/// <summary>
/// A CSV file read whole into header and rows, with each row's line number, so importers can report
/// `file:row:column` and validate everything before entering anything. Offices' sheets are small.
/// </summary>
public sealed record CsvSheet(IReadOnlyList<string> Headers, IReadOnlyList<CsvSheet.Row> Rows)
{
    /// <summary>One data row; <see cref="Line"/> is its 1-based line in the file (the header is line 1).</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Fields)
    {
        public string this[int column] => column >= 0 && column < Fields.Count ? Fields[column] : "";
    }

    public static CsvSheet Parse(string text)
    {
        // Excel saves UTF-8 CSV with a byte order mark; it is not part of the first header.
        using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions { TrackLineNumbers = true });
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row((int)reader.LineNumber, [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim())]));
        }
        return new CsvSheet(headers, rows);
    }

    /// <summary>0-based index of a header, or -1.</summary>
    public int Column(string header) => Headers.ToList().IndexOf(header);
}
