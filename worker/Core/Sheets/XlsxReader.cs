using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Campaigns.Core.Sheets;

/// <summary>
/// The first worksheet of an XLSX, read with a forward-only XML reader over the zip, so every way a file can be broken
/// or hostile (not a zip, a part missing, truncated XML, a DTD, a cell given twice, a column past XFD, a zip bomb) is a
/// located problem rather than an exception or an exhausted process. Part names come from the relationships as Excel,
/// LibreOffice and WPS write them (transitional or strict namespaces: elements are matched by local name).
/// Cells without r= take the next column, rows without r= the next row, as ECMA-376 allows.
/// </summary>
internal static class XlsxReader
{
    private sealed class TooLarge(string message) : Exception(message);

    private sealed class Bad(SheetProblem problem) : Exception(problem.Message)
    {
        public SheetProblem Problem { get; } = problem;
    }

    public static SheetRead Read(byte[] content, string path, SheetLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return Fail(path, "不是有效的 XLSX 文件（无法作为 zip 压缩包读取）：请在 Excel 中“另存为”Excel 工作簿（*.xlsx），或导出为 CSV UTF-8");
        }
        using (zip)
        {
            var budget = new Budget(limits.MaxExpandedBytes);
            // The zip's directory is read lazily, on the first look at its entries: a damaged one fails here.
            var part = "压缩包目录";
            try
            {
                var declared = zip.Entries.Sum(e => e.Length);
                if (declared > limits.MaxExpandedBytes)
                {
                    return Fail(path, $"解压后共 {Megabytes(declared)} MB，超过导入上限 {Megabytes(limits.MaxExpandedBytes)} MB，未读取（可能是压缩炸弹；真实名录请分成几个文件或导出为 CSV）");
                }
                part = "_rels/.rels";
                var workbookPath = Target(zip, part, "", "officeDocument", budget)
                    ?? throw new Bad(new SheetProblem(path, "缺少工作簿（_rels/.rels 中没有 officeDocument）：不是完整的 XLSX 文件"));
                part = workbookPath;
                var firstSheetId = FirstSheetRelationship(zip, workbookPath, budget, path);
                var workbookRels = RelationshipsOf(workbookPath);
                part = workbookRels;
                var relationships = Relationships(zip, workbookRels, Folder(workbookPath), budget)
                    ?? throw new Bad(new SheetProblem(path, $"缺少 {workbookRels}：不是完整的 XLSX 文件"));
                var sheetPath = relationships.FirstOrDefault(r => r.Id == firstSheetId).Target
                    ?? throw new Bad(new SheetProblem(path, $"第一个工作表（{firstSheetId}）在 {workbookRels} 中找不到"));
                var stringsPath = relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
                IReadOnlyList<string> strings = [];
                if (stringsPath is not null)
                {
                    part = stringsPath;
                    strings = SharedStrings(zip, stringsPath, budget, limits, path);
                }
                part = sheetPath;
                return new SheetRead(Worksheet(zip, sheetPath, strings, budget, limits, path), null);
            }
            catch (Bad bad)
            {
                return new SheetRead(null, bad.Problem);
            }
            catch (TooLarge large)
            {
                return Fail(path, large.Message);
            }
            catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
            {
                return Fail(path, $"{part} 含有 DTD（文档类型定义），出于安全原因不予读取：请在 Excel 中重新保存为 .xlsx");
            }
            catch (XmlException e)
            {
                return Fail(path, $"{part} 不是完整的 XML（该部件第{e.LineNumber}行第{e.LinePosition}列）：文件可能已损坏或被截断，请重新导出");
            }
            catch (InvalidDataException)
            {
                return Fail(path, $"{part} 无法解压（压缩数据损坏）：文件可能已损坏或被截断，请重新导出");
            }
        }
    }

    private static SheetRead Fail(string path, string message) => new(null, new SheetProblem(path, message));

    private static long Megabytes(long bytes) => (bytes + (1 << 20) - 1) >> 20;

    private static string Folder(string part) => part.Contains('/') ? part[..(part.LastIndexOf('/') + 1)] : "";

    private static string RelationshipsOf(string part) => $"{Folder(part)}_rels/{part[(part.LastIndexOf('/') + 1)..]}.rels";

    /// <summary>A relationship's target as a part name: absolute ("/xl/…") or relative to the source part's folder.</summary>
    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target[1..] : folder + target).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }

    private static XmlReader? Open(ZipArchive zip, string part, Budget budget)
    {
        var entry = zip.GetEntry(part);
        if (entry is null)
        {
            return null;
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        return XmlReader.Create(new Counted(entry.Open(), budget), settings);
    }

    private static List<(string Id, string Type, string Target)>? Relationships(ZipArchive zip, string part, string folder, Budget budget)
    {
        using var reader = Open(zip, part, budget);
        if (reader is null)
        {
            return null;
        }
        var found = new List<(string, string, string)>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") != "External"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target)
            {
                found.Add((id, type, Resolve(folder, target)));
            }
        }
        return found;
    }

    private static string? Target(ZipArchive zip, string part, string folder, string type, Budget budget) =>
        Relationships(zip, part, folder, budget)?.FirstOrDefault(r => r.Type.EndsWith("/" + type, StringComparison.Ordinal)).Target;

    private static string FirstSheetRelationship(ZipArchive zip, string workbookPath, Budget budget, string path)
    {
        using var reader = Open(zip, workbookPath, budget) ?? throw new Bad(new SheetProblem(path, $"缺少工作簿 {workbookPath}：不是完整的 XLSX 文件"));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                // r:id in either namespace (transitional or strict): the attribute named id with a prefix.
                for (var i = 0; i < reader.AttributeCount; i++)
                {
                    reader.MoveToAttribute(i);
                    if (reader.LocalName == "id" && reader.Prefix.Length > 0)
                    {
                        return reader.Value;
                    }
                }
                throw new Bad(new SheetProblem(path, $"{workbookPath} 中的工作表没有 r:id：不是完整的 XLSX 文件"));
            }
        }
        throw new Bad(new SheetProblem(path, "工作簿中没有工作表"));
    }

    /// <summary>The shared-string table: each item's text runs joined, phonetic runs (rPh) left out as Excel shows them.</summary>
    private static List<string> SharedStrings(ZipArchive zip, string part, Budget budget, SheetLimits limits, string path)
    {
        using var reader = Open(zip, part, budget) ?? throw new Bad(new SheetProblem(path, $"缺少共享字符串表 {part}：不是完整的 XLSX 文件"));
        var strings = new List<string>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(Text(reader, limits, path, null));
            }
        }
        return strings;
    }

    /// <summary>
    /// The text of the element the reader is on (a cell or a shared-string item): its v or t elements' text, phonetic
    /// runs (rPh) and formulas (f) left out, as Excel shows the cell.
    /// </summary>
    private static string Text(XmlReader reader, SheetLimits limits, string path, (int Row, int Column)? cell)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }
        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        var phonetic = -1;
        var value = -1;
        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement && phonetic < 0:
                    phonetic = reader.Depth;
                    break;
                case XmlNodeType.Element when reader.LocalName is "v" or "t" && !reader.IsEmptyElement && value < 0:
                    value = reader.Depth;
                    break;
                case XmlNodeType.EndElement when reader.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.EndElement when reader.Depth == value:
                    value = -1;
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA when phonetic < 0 && value >= 0:
                    text.Append(reader.Value);
                    if (text.Length > limits.MaxCellLength)
                    {
                        var at = cell is { } c ? new Plans.SourceLocation(path, c.Row, c.Column) : new Plans.SourceLocation(path, 1, 1);
                        throw new Bad(new SheetProblem(at, $"单元格内容超过 {limits.MaxCellLength} 个字符（Excel 的上限）"));
                    }
                    break;
            }
        }
        return text.ToString();
    }

    private static Sheet Worksheet(ZipArchive zip, string part, IReadOnlyList<string> strings, Budget budget, SheetLimits limits, string path)
    {
        using var reader = Open(zip, part, budget) ?? throw new Bad(new SheetProblem(path, $"缺少工作表 {part}：不是完整的 XLSX 文件"));
        var rows = new List<(int Number, Dictionary<int, string> Cells)>();
        Dictionary<int, string>? current = null;
        var rowNumber = 0;
        var lastColumn = -1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == "row")
            {
                var number = reader.GetAttribute("r") is { } r
                    ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw Problem(path, rowNumber + 1, 1, $"行号“{Shown(r)}”无效")
                    : rowNumber + 1;
                if (number > limits.MaxRows)
                {
                    throw Problem(path, 1, 1, $"行数超过 {limits.MaxRows} 行（Excel 的上限），未读取");
                }
                if (number <= rowNumber)
                {
                    throw Problem(path, number, 1, $"第{number}行在工作表中重复出现（或排在第{rowNumber}行之后）：文件可能已损坏，请在 Excel 中重新保存");
                }
                rowNumber = number;
                lastColumn = -1;
                current = [];
                rows.Add((number, current));
                if (reader.IsEmptyElement)
                {
                    current = null;
                }
            }
            else if (reader.LocalName == "c")
            {
                if (current is null)
                {
                    throw Problem(path, Math.Max(rowNumber, 1), 1, "单元格不在任何行内：文件可能已损坏，请在 Excel 中重新保存");
                }
                var column = reader.GetAttribute("r") is { } reference ? Column(reference, rowNumber, lastColumn, limits, path) : lastColumn + 1;
                if (column >= limits.MaxColumns)
                {
                    throw Problem(path, rowNumber, 1, $"第{rowNumber}行的列数超过 {limits.MaxColumns} 列（Excel 的上限，最大为 XFD 列）");
                }
                if (current.ContainsKey(column))
                {
                    throw Problem(path, rowNumber, column + 1, $"单元格 {Letters(column)}{rowNumber} 重复出现：文件可能已损坏，请在 Excel 中重新保存");
                }
                var type = reader.GetAttribute("t");
                var raw = Text(reader, limits, path, (rowNumber, column + 1));
                current[column] = (type switch
                {
                    "s" => int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                        ? strings[index]
                        : throw Problem(path, rowNumber, column + 1, $"单元格 {Letters(column)}{rowNumber} 指向不存在的共享字符串“{Shown(raw)}”：文件可能已损坏"),
                    _ => raw,
                }).Trim();
                lastColumn = column;
            }
        }
        var table = rows.Where(r => r.Cells.Values.Any(v => v.Length > 0)).ToList();
        if (table.Count == 0)
        {
            return new Sheet([], []);
        }
        var headerWidth = table[0].Cells.Where(c => c.Value.Length > 0).Max(c => c.Key) + 1;
        IReadOnlyList<string> Fields(Dictionary<int, string> cells) =>
            [.. Enumerable.Range(0, Math.Max(headerWidth, cells.Count == 0 ? 0 : cells.Keys.Max() + 1)).Select(i => cells.GetValueOrDefault(i, ""))];
        return new Sheet([.. Fields(table[0].Cells).Take(headerWidth)], [.. table.Skip(1).Select(r => new Sheet.Row(r.Number, Fields(r.Cells)))]);
    }

    /// <summary>The 0-based column of an A1 reference on row <paramref name="row"/>; anything else is a located problem.</summary>
    private static int Column(string reference, int row, int lastColumn, SheetLimits limits, string path)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
        var column = 0;
        for (var i = 0; i < letters; i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > limits.MaxColumns)
            {
                throw Problem(path, row, lastColumn + 2, $"单元格引用“{Shown(reference)}”超出 Excel 的列范围（最大为 XFD 列）：文件可能已损坏");
            }
        }
        if (letters == 0 || !int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var referencedRow))
        {
            throw Problem(path, row, lastColumn + 2, $"单元格引用“{Shown(reference)}”无效，应如 A1、B2：文件可能已损坏");
        }
        if (referencedRow != row)
        {
            throw Problem(path, row, column, $"单元格 {Shown(reference)} 写在第{row}行中：文件可能已损坏，请在 Excel 中重新保存");
        }
        return column - 1;
    }

    /// <summary>0 → A, 27 → AB.</summary>
    private static string Letters(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }

    private static string Shown(string value) => value.Length > 20 ? value[..20] + "…" : value;

    private static Bad Problem(string path, int row, int column, string message) => new(new SheetProblem(new Plans.SourceLocation(path, row, column), message));

    /// <summary>Bytes left to decompress across all parts; the declared sizes were checked first, this catches a zip that lies.</summary>
    private sealed class Budget(long limit)
    {
        private long _spent;

        public void Spend(int count)
        {
            _spent += count;
            if (_spent > limit)
            {
                throw new TooLarge($"解压后超过导入上限 {Megabytes(limit)} MB，未读取（可能是压缩炸弹；真实名录请分成几个文件或导出为 CSV）");
            }
        }
    }

    private sealed class Counted(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Spend(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
