using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Campaigns.Core.Sheets;

/// <summary>
/// A spreadsheet (CSV, or the first worksheet of an XLSX as offices export from the provincial platform) read whole
/// into header and rows, with each row's line or row number, so importers can report `file:row:column` and validate
/// everything before importing anything. Offices' sheets are small; reading them whole is the simple choice, within
/// <see cref="SheetLimits"/>. A file that cannot be read at all is a <see cref="SheetProblem"/>, never an exception.
/// </summary>
public sealed record Sheet(IReadOnlyList<string> Headers, IReadOnlyList<Sheet.Row> Rows)
{
    /// <summary>GB18030 (a superset of GBK), what Excel in China writes for "CSV (逗号分隔)".</summary>
    private static readonly Encoding Gb18030 = CodePages(54936);

    /// <summary>One data row; <see cref="Line"/> is its 1-based line (CSV) or row number (XLSX); the header is row 1.</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Fields)
    {
        public string this[int column] => column >= 0 && column < Fields.Count ? Fields[column] : "";
    }

    /// <summary>By extension: .xlsx is read as a workbook, anything else as CSV (UTF-8, or GB18030/GBK as Excel in China saves it).</summary>
    public static SheetRead Load(byte[] content, string path, SheetLimits? limits = null) => Load(content, path, limits, null);

    /// <summary>
    /// Like <see cref="Load(byte[], string, SheetLimits?)"/>, but hands each row to <paramref name="each"/> (with the sheet of
    /// the headers) instead of keeping it, and returns the sheet without rows: for a file too large to hold whole. A
    /// province directory's million rows were some ten million objects, all alive until the last was read, which the
    /// collector copied twice over. A UTF-8 CSV is handed over as it is parsed, anything else once read. After a problem,
    /// the rows handed over so far are to be dropped.
    /// </summary>
    public static SheetRead Stream(byte[] content, string path, Action<Sheet, Row> each, SheetLimits? limits = null) =>
        Load(content, path, limits, each);

    private static SheetRead Load(byte[] content, string path, SheetLimits? limits, Action<Sheet, Row>? each)
    {
        limits ??= SheetLimits.Default;
        if (content.LongLength > limits.MaxFileBytes)
        {
            return new SheetRead(null, new SheetProblem(path,
                $"文件大小 {(content.LongLength + (1 << 20) - 1) >> 20} MB，超过导入上限 {limits.MaxFileBytes >> 20} MB，未读取"));
        }
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Handed(XlsxReader.Read(content, path, limits), each);
        }
        // UTF-8 (with or without the byte order mark Excel writes for "CSV UTF-8") is parsed as it is, without a string of
        // the whole file (a province directory's 120 MB were 240 MB of text, then transcoded back to UTF-8 by the parser).
        // A file that is not valid UTF-8 is read as GB18030, which Excel in China writes for plain "CSV".
        ReadOnlyMemory<byte> bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var utf8 = content.AsMemory();
        if (utf8.Span.StartsWith(bom.Span))
        {
            utf8 = utf8[bom.Length..];
        }
        if (Utf8.IsValid(utf8.Span))
        {
            return Parse(CsvReader.Create(utf8, Options), path, limits, each);
        }
        var text = Gb18030.GetString(content);
        return text.Contains('\uFFFD')
            ? new SheetRead(null, new SheetProblem(path,
                "文件编码无法识别：既不是 UTF-8 也不是 GBK/GB18030。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）(*.csv)”后重新导入"))
            : Handed(ParseCsv(text, path, limits), each);
    }

    /// <summary>A sheet read whole, its rows handed to <paramref name="each"/> when there is one.</summary>
    private static SheetRead Handed(SheetRead read, Action<Sheet, Row>? each)
    {
        if (each is null || read.Sheet is not { } sheet)
        {
            return read;
        }
        var headers = sheet with { Rows = [] };
        foreach (var row in sheet.Rows)
        {
            each(headers, row);
        }
        return new SheetRead(headers, null);
    }

    // Repeated values (a directory's industries, regions, risk classes) become one string each.
    private static readonly CsvReaderOptions Options = new() { TrackLineNumbers = true, PoolStrings = true };

    /// <summary>CSV text, header first; a line past <see cref="SheetLimits.MaxRows"/> or a malformed record is a problem.</summary>
    public static SheetRead ParseCsv(string text, string path, SheetLimits? limits = null) =>
        // Excel saves UTF-8 CSV with a byte order mark; it is not part of the first header.
        Parse(CsvReader.FromText(text.TrimStart('\uFEFF'), Options), path, limits ?? SheetLimits.Default, null);

    private static SheetRead Parse(CsvReader csv, string path, SheetLimits limits, Action<Sheet, Row>? each)
    {
        using var reader = csv;
        try
        {
            var headers = new Sheet([.. reader.Headers.Select(h => h.Trim())], []);
            var rows = new List<Row>();
            var count = 0;
            while (reader.Read())
            {
                if (++count >= limits.MaxRows)
                {
                    return new SheetRead(null, new SheetProblem(path, $"行数超过 {limits.MaxRows} 行（Excel 的上限），未读取"));
                }
                if (reader.FieldCount > limits.MaxColumns)
                {
                    return new SheetRead(null, new SheetProblem(new Plans.SourceLocation(path, (int)reader.LineNumber, limits.MaxColumns + 1),
                        $"第{reader.LineNumber}行超过 {limits.MaxColumns} 列（Excel 的上限）"));
                }
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i).Trim();
                }
                var row = new Row((int)reader.LineNumber, fields);
                if (each is null)
                {
                    rows.Add(row);
                }
                else
                {
                    each(headers, row);
                }
            }
            return new SheetRead(headers with { Rows = rows }, null);
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException)
        {
            return new SheetRead(null, new SheetProblem(new Plans.SourceLocation(path, Math.Max(1, (int)reader.LineNumber), 1), $"CSV 格式有误（如引号未成对）：{e.Message}"));
        }
    }

    /// <summary>0-based index of a header, or -1.</summary>
    public int Column(string header)
    {
        // Called for every cell of a province directory (millions): a loop, not a copy of the headers each time.
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i] == header)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The same sheet with headers renamed by <paramref name="aliases"/> (other name → canonical name).</summary>
    public Sheet Renamed(IReadOnlyDictionary<string, string> aliases) =>
        this with { Headers = [.. Headers.Select(h => aliases.GetValueOrDefault(h, h))] };

    /// <summary>
    /// What makes a sheet ambiguous before any cell is read: a header given twice (also as an alias and its canonical
    /// name, 企业名称 and 名称: which column counts cannot be told), and a row with text where there is no header (an
    /// over-long row, a shifted cell: the value would be silently lost).
    /// </summary>
    public IReadOnlyList<SheetProblem> ShapeProblems(string path, IReadOnlyDictionary<string, string> aliases) =>
        [.. HeaderProblems(path, aliases), .. Rows.Select(row => RowProblem(row, path)).OfType<SheetProblem>()];

    /// <summary>A header given twice (also as an alias and its canonical name); see <see cref="ShapeProblems"/>.</summary>
    public IReadOnlyList<SheetProblem> HeaderProblems(string path, IReadOnlyDictionary<string, string> aliases)
    {
        var problems = new List<SheetProblem>();
        var first = new Dictionary<string, int>();
        for (var i = 0; i < Headers.Count; i++)
        {
            var canonical = aliases.GetValueOrDefault(Headers[i], Headers[i]);
            if (canonical.Length == 0)
            {
                continue;
            }
            if (first.TryGetValue(canonical, out var earlier))
            {
                problems.Add(new SheetProblem(new Plans.SourceLocation(path, 1, i + 1),
                    Headers[earlier] == Headers[i]
                        ? $"表头“{Headers[i]}”与第{earlier + 1}列重复"
                        : $"表头“{Headers[i]}”与第{earlier + 1}列的“{Headers[earlier]}”是同一项（{canonical}），只能保留一列"));
            }
            else
            {
                first[canonical] = i;
            }
        }
        return problems;
    }

    /// <summary>Text in a column without a header (an over-long row, a shifted cell); see <see cref="ShapeProblems"/>.</summary>
    public SheetProblem? RowProblem(Row row, string path)
    {
        for (var i = 0; i < row.Fields.Count; i++)
        {
            if (row.Fields[i].Length > 0 && (i >= Headers.Count || Headers[i].Length == 0))
            {
                return new SheetProblem(new Plans.SourceLocation(path, row.Line, i + 1),
                    $"第{i + 1}列有内容“{Shown(row.Fields[i])}”，但该列没有表头（此行比表头长，或单元格错位）");
            }
        }
        return null;
    }

    private static string Shown(string value) => value.Length > 20 ? value[..20] + "…" : value;

    private static Encoding CodePages(int codePage)
    {
        // The code-page encodings ship with .NET but are registered only on request.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // U+FFFD, not the default "?", marks a byte sequence that is not GB18030 either, so Decode can tell.
        return Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
    }
}
