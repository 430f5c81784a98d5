using System.Globalization;
using Campaigns.Core.Plans;
using Campaigns.Core.Sheets;

namespace Campaigns.Core.Directories;

/// <summary>
/// Reads the two directories (两库) from CSV or XLSX with the provincial platform's Chinese headers; other common
/// header names are mapped by <see cref="EntityAliases"/> and <see cref="InspectorAliases"/> (README lists them).
/// Entities: 名称, 统一社会信用代码, 住所, 法定代表人, 行业, 区域, 信用风险分类, 状态.
/// Inspectors: 姓名, 性别, 单位, 职务, 执法证号, 证件有效期至, 邮箱, 手机, 回避对象 (USCCs separated by ; or ；).
/// </summary>
public static class DirectorySheet
{
    public static readonly string[] EntityHeaders = ["名称", "统一社会信用代码", "住所", "法定代表人", "行业", "区域", "信用风险分类", "状态"];
    public static readonly string[] InspectorHeaders = ["姓名", "性别", "单位", "职务", "执法证号", "证件有效期至", "邮箱", "手机", "回避对象"];

    private static readonly Dictionary<string, EntityStatus> Statuses = new()
    {
        ["存续"] = EntityStatus.Active,
        ["在业"] = EntityStatus.Active,
        ["开业"] = EntityStatus.Active,
        ["注销"] = EntityStatus.Deregistered,
        ["吊销"] = EntityStatus.Revoked,
    };

    public static readonly IReadOnlyDictionary<string, string> EntityAliases = new Dictionary<string, string>
    {
        ["企业名称"] = "名称", ["主体名称"] = "名称", ["检查对象名称"] = "名称",
        ["统一社会信用代码/注册号"] = "统一社会信用代码", ["信用代码"] = "统一社会信用代码",
        ["地址"] = "住所", ["经营场所"] = "住所", ["住所（经营场所）"] = "住所",
        ["负责人"] = "法定代表人", ["法定代表人/负责人"] = "法定代表人", ["经营者"] = "法定代表人",
        ["所属行业"] = "行业", ["行业类别"] = "行业",
        ["所属区域"] = "区域", ["辖区"] = "区域", ["所在乡镇"] = "区域",
        ["信用风险等级"] = "信用风险分类", ["风险等级"] = "信用风险分类", ["信用风险分类结果"] = "信用风险分类",
        ["登记状态"] = "状态", ["经营状态"] = "状态",
    };

    public static readonly IReadOnlyDictionary<string, string> InspectorAliases = new Dictionary<string, string>
    {
        ["所属单位"] = "单位", ["部门"] = "单位", ["工作单位"] = "单位",
        ["职级"] = "职务",
        ["执法证件号"] = "执法证号", ["证件号"] = "执法证号", ["警号"] = "执法证号", ["执法证号/警号"] = "执法证号",
        ["有效期"] = "证件有效期至", ["证件有效期"] = "证件有效期至", ["执法证有效期"] = "证件有效期至",
        ["电子邮箱"] = "邮箱", ["手机号码"] = "手机", ["联系电话"] = "手机",
        ["回避"] = "回避对象", ["回避单位"] = "回避对象",
    };

    public static DirectoryRead<MarketEntity> ReadEntities(string csvText, string path) => ReadEntities(Sheet.ParseCsv(csvText, path), path);

    public static DirectoryRead<Inspector> ReadInspectors(string csvText, string path) => ReadInspectors(Sheet.ParseCsv(csvText, path), path);

    /// <summary>A file's entities, or the problem that kept it from being read (not a workbook, over a limit…).</summary>
    public static DirectoryRead<MarketEntity> ReadEntities(SheetRead read, string path) =>
        read.Sheet is { } sheet ? ReadEntities(sheet, path) : new([], [Unreadable(read)]);

    public static DirectoryRead<Inspector> ReadInspectors(SheetRead read, string path, IReadOnlyCollection<string>? departments = null) =>
        read.Sheet is { } sheet ? ReadInspectors(sheet, path, departments) : new([], [Unreadable(read)]);

    private static DirectoryProblem Unreadable(SheetRead read) => new(read.Problem!.Location, read.Problem.Message);

    /// <summary>"entities" or "inspectors" by the sheet's headers (aliases included), or null when it looks like neither.</summary>
    public static string? KindOf(Sheet sheet) =>
        sheet.Renamed(InspectorAliases).Column("执法证号") >= 0 ? "inspectors"
        : sheet.Renamed(EntityAliases).Column("统一社会信用代码") >= 0 ? "entities"
        : null;

    /// <summary>
    /// The entities of a directory file (CSV or XLSX), read row by row into an <see cref="EntityTable"/>: a province's file is
    /// never held whole as a sheet. Sized from the file (a row takes some tens of bytes; the text kept is under half a
    /// character a byte in a province's export), and grown when the guess is short.
    /// </summary>
    public static DirectoryRead<MarketEntity> ReadEntities(byte[] content, string path)
    {
        var reader = new EntityReader(path, content.Length / 64, content.Length / 2);
        var read = Sheet.Stream(content, path, reader.Add);
        return read.Sheet is { } headers ? reader.Result(headers) : new([], [Unreadable(read)]);
    }

    public static DirectoryRead<MarketEntity> ReadEntities(Sheet sheet, string path)
    {
        var headers = sheet with { Rows = [] };
        var reader = new EntityReader(path, sheet.Rows.Count, 64 * sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            reader.Add(headers, row);
        }
        return reader.Result(headers);
    }

    /// <summary>
    /// Checks and collects entity rows one at a time. The problems come out as a whole sheet's would: the sheet's shape
    /// (a header given twice, text without a header, a missing header) and, only when the shape is sound, every bad cell.
    /// </summary>
    private sealed class EntityReader(string path, int rows, int textLength)
    {
        private readonly EntityTable.Builder _entities = new(rows, textLength);
        // Every well-formed USCC by its number (not its text: a million strings kept only to find repeats), with its line and
        // how many cell problems came before it. Repeats are found by sorting once at the end, not by a million inserts into
        // a hash table larger than the processor's caches: a province's entity file (1,000,000 rows) read in 2.51-2.60 s
        // with the table, 2.17-2.21 s with the sort (three runs each, one process a run).
        // Sized like the table from the start: grown from a few, they would be copied some twenty times on the way to a million.
        private UInt128[] _keys = new UInt128[Math.Max(16, rows)];
        private int[] _lines = new int[Math.Max(16, rows)];
        private int[] _problemsBefore = new int[Math.Max(16, rows)];
        private int _keyCount;
        private readonly List<DirectoryProblem> _headers = [];
        private readonly List<DirectoryProblem> _rows = [];
        private readonly List<DirectoryProblem> _missing = [];
        private readonly List<DirectoryProblem> _cells = [];
        private Sheet? _sheet;

        public void Add(Sheet headers, Sheet.Row row)
        {
            var sheet = _sheet ??= Start(headers);
            if (headers.RowProblem(row, path) is { } shape)
            {
                _rows.Add(new DirectoryProblem(shape.Location, shape.Message));
            }
            if (_headers.Count > 0 || _rows.Count > 0 || _missing.Count > 0)
            {
                return;
            }
            var cells = new Cells(sheet, row, path, _cells);
            if (!cells.Printable("住所"))
            {
                return;
            }
            var name = cells.Required("名称");
            var uscc = cells.Required("统一社会信用代码");
            if (uscc.Length > 0 && Uscc.Problem(uscc) is { } invalid)
            {
                cells.Fail("统一社会信用代码", invalid);
            }
            else if (uscc.Length > 0)
            {
                Remember(UsccKey.Parse(uscc).Value, row.Line);
            }
            var statusText = cells.Required("状态");
            if (statusText.Length > 0 && !Statuses.ContainsKey(statusText))
            {
                cells.Fail("状态", $"状态“{statusText}”无效，应为 {string.Join("、", Statuses.Keys)} 之一");
            }
            if (_cells.Count == 0)
            {
                _entities.Add(new MarketEntity(uscc, name, cells.Required("住所"), cells.Optional("法定代表人"), cells.Required("行业"),
                    cells.Optional("区域"), cells.Required("信用风险分类"), Statuses.GetValueOrDefault(statusText)));
            }
        }

        public DirectoryRead<MarketEntity> Result(Sheet headers)
        {
            _sheet ??= Start(headers);
            List<DirectoryProblem> shape = [.. _headers, .. _rows, .. _missing];
            if (shape.Count > 0)
            {
                return new([], shape);
            }
            var cells = WithRepeats(_sheet);
            return cells.Count > 0 ? new([], cells) : new(_entities.Build(), []);
        }

        private void Remember(UInt128 key, int line)
        {
            if (_keyCount == _keys.Length)
            {
                Array.Resize(ref _keys, _keyCount * 2);
                Array.Resize(ref _lines, _keyCount * 2);
                Array.Resize(ref _problemsBefore, _keyCount * 2);
            }
            (_keys[_keyCount], _lines[_keyCount], _problemsBefore[_keyCount]) = (key, line, _cells.Count);
            _keyCount++;
        }

        /// <summary>
        /// The cell problems with a repeated USCC's problem at each later row that holds it, naming the first: each in the
        /// place a check row by row would have put it (after that row's earlier problems, before its later ones).
        /// </summary>
        private List<DirectoryProblem> WithRepeats(Sheet sheet)
        {
            // The keys are sorted with the order they were remembered in, which names their line and place.
            var remembered = new int[_keyCount];
            for (var i = 0; i < _keyCount; i++)
            {
                remembered[i] = i;
            }
            Array.Sort(_keys, remembered, 0, _keyCount);
            var repeats = new List<(int Before, int Remembered, DirectoryProblem Problem)>();
            var column = sheet.Column("统一社会信用代码") + 1;
            for (var start = 0; start < _keyCount;)
            {
                var end = start + 1;
                while (end < _keyCount && _keys[end] == _keys[start])
                {
                    end++;
                }
                // The sort does not keep the file's order among equal keys: put it back, and the first is the earliest remembered.
                var run = remembered.AsSpan(start, end - start);
                run.Sort();
                foreach (var k in run[1..])
                {
                    repeats.Add((_problemsBefore[k], k, new DirectoryProblem(new SourceLocation(path, _lines[k], column),
                        $"统一社会信用代码“{new UsccKey(_keys[start])}”与第{_lines[run[0]]}行重复")));
                }
                start = end;
            }
            if (repeats.Count == 0)
            {
                return _cells;
            }
            repeats.Sort((a, b) => (a.Before, a.Remembered).CompareTo((b.Before, b.Remembered)));
            var merged = new List<DirectoryProblem>(_cells.Count + repeats.Count);
            var next = 0;
            for (var i = 0; i <= _cells.Count; i++)
            {
                while (next < repeats.Count && repeats[next].Before == i)
                {
                    merged.Add(repeats[next++].Problem);
                }
                if (i < _cells.Count)
                {
                    merged.Add(_cells[i]);
                }
            }
            return merged;
        }

        private Sheet Start(Sheet headers)
        {
            _headers.AddRange(headers.HeaderProblems(path, EntityAliases).Select(p => new DirectoryProblem(p.Location, p.Message)));
            var renamed = headers.Renamed(EntityAliases);
            _missing.AddRange(MissingHeaders(renamed, path, EntityHeaders, required: EntityHeaders));
            return renamed;
        }
    }

    /// <summary>
    /// The inspectors of a sheet. With <paramref name="departments"/> (plan department ids and names), a 单位 that names
    /// none of them is a problem at its cell: such a person could never be drawn, which is what an import should catch.
    /// </summary>
    public static DirectoryRead<Inspector> ReadInspectors(Sheet sheet, string path, IReadOnlyCollection<string>? departments = null)
    {
        var problems = Shape(sheet, path, InspectorAliases);
        sheet = sheet.Renamed(InspectorAliases);
        problems.AddRange(MissingHeaders(sheet, path, InspectorHeaders, required: ["姓名", "单位", "执法证号", "证件有效期至"]));
        if (problems.Count > 0)
        {
            return new([], problems);
        }
        var inspectors = new List<Inspector>();
        var seen = new Dictionary<string, int>();
        foreach (var row in sheet.Rows)
        {
            var cells = new Cells(sheet, row, path, problems);
            if (!cells.Printable())
            {
                continue;
            }
            var certificate = cells.Required("执法证号");
            if (certificate.Length > 0 && !seen.TryAdd(certificate, row.Line))
            {
                cells.Fail("执法证号", $"执法证号“{certificate}”与第{seen[certificate]}行重复");
            }
            // A missing validity date is allowed: the inspector stays in the directory but is never drawn (001 (七)).
            DateOnly? validUntil = null;
            var validText = cells.Optional("证件有效期至");
            if (validText.Length > 0)
            {
                if (DateOnly.TryParseExact(validText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    validUntil = date;
                }
                else if (int.TryParse(validText, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
                {
                    // An Excel date cell arrives as its serial number (days since 1899-12-30).
                    validUntil = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                }
                else
                {
                    cells.Fail("证件有效期至", $"证件有效期至“{validText}”无效，应为 YYYY-MM-DD");
                }
            }
            var conflicts = cells.Optional("回避对象").Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var conflict in conflicts.Where(c => Uscc.Problem(c) is not null))
            {
                cells.Fail("回避对象", $"回避对象中的{Uscc.Problem(conflict)}");
            }
            var unit = cells.Required("单位");
            if (departments is not null && unit.Length > 0 && !departments.Contains(unit))
            {
                cells.Fail("单位", $"单位“{unit}”不是年度抽查计划中的部门（应为：{string.Join("、", departments)}）");
            }
            var email = cells.Optional("邮箱");
            if (email.Length > 0 && EmailAddress.Problem(email) is { } emailProblem)
            {
                cells.Fail("邮箱", emailProblem);
            }
            inspectors.Add(new Inspector(certificate, cells.Required("姓名"), cells.Optional("性别"), unit, cells.Optional("职务"),
                validUntil, email.Length > 0 ? email : null, cells.Optional("手机") is { Length: > 0 } phone ? phone : null, conflicts));
        }
        return problems.Count > 0 ? new([], problems) : new(inspectors, []);
    }

    /// <summary>Duplicate headers (an alias beside its canonical name too) and over-long rows, before any cell is read.</summary>
    private static List<DirectoryProblem> Shape(Sheet sheet, string path, IReadOnlyDictionary<string, string> aliases) =>
        [.. sheet.ShapeProblems(path, aliases).Select(p => new DirectoryProblem(p.Location, p.Message))];

    private static List<DirectoryProblem> MissingHeaders(Sheet sheet, string path, string[] known, string[] required) =>
        [.. required.Where(h => sheet.Column(h) < 0).Select(h => new DirectoryProblem(new SourceLocation(path, 1, 1),
            sheet.Headers.Count == 0 ? "文件为空：第一行应为表头" : $"缺少表头“{h}”（应有：{string.Join("、", known)}）"))];

    /// <summary>Reads one row's cells by header, recording problems at the cell.</summary>
    private sealed class Cells(Sheet sheet, Sheet.Row row, string path, List<DirectoryProblem> problems)
    {
        /// <summary>
        /// False (after saying where) when a cell holds a control character: a NUL or tab in a name or code is never
        /// meant, and downstream it broke a chart and the USCC check. A line break is allowed only in <paramref name="multiline"/>
        /// (an address typed with Alt+Enter).
        /// </summary>
        public bool Printable(string? multiline = null)
        {
            var clean = true;
            var multilineColumn = multiline is null ? -1 : sheet.Column(multiline);
            for (var i = 0; i < row.Fields.Count; i++)
            {
                // The common case first, without a delegate per cell: no C0 or C1 control character at all.
                var field = row.Fields[i].AsSpan();
                if (!field.ContainsAnyInRange('\u0000', '\u001F') && !field.ContainsAnyInRange('\u007F', '\u009F'))
                {
                    continue;
                }
                var allowed = i == multilineColumn;
                if (row.Fields[i].FirstOrDefault(c => char.IsControl(c) && !(allowed && c is '\n' or '\r'), '\uFFFF') is var bad && bad != '\uFFFF')
                {
                    var header = i < sheet.Headers.Count ? sheet.Headers[i] : $"第{i + 1}列";
                    problems.Add(new DirectoryProblem(new SourceLocation(path, row.Line, i + 1), $"“{header}”含有控制字符 U+{(int)bad:X4}，请删去"));
                    clean = false;
                }
            }
            return clean;
        }

        public string Optional(string header) => row[sheet.Column(header)];

        public string Required(string header)
        {
            var value = Optional(header);
            if (value.Length == 0)
            {
                Fail(header, $"“{header}”不能为空");
            }
            return value;
        }

        public void Fail(string header, string message) =>
            problems.Add(new DirectoryProblem(new SourceLocation(path, row.Line, sheet.Column(header) + 1), message));
    }
}
