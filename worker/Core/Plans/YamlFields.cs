using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Campaigns.Core.Plans;

/// <summary>
/// Typed, located access to one YAML mapping of a plan. Every read records where its value sits (by a path
/// such as "campaigns[0].window.end") so later checks can point at the line; every problem is collected,
/// none thrown, so the admin sees them all at once.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly string _path;
    private readonly PlanReadContext _context;

    // knownKeys: the keys this mapping may have; null for a mapping keyed by data (items per department).
    public YamlFields(YamlMappingNode node, string path, IReadOnlyCollection<string>? knownKeys, PlanReadContext context)
    {
        _node = node;
        _path = path;
        _context = context;
        if (knownKeys is null)
        {
            return;
        }
        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Where(k => !knownKeys.Contains(k.Value ?? "")))
        {
            var suggestion = Closest(key.Value ?? "", knownKeys);
            context.Error(key, $"未知字段“{key.Value}”" + (suggestion is null ? $"（{Where}可用字段：{string.Join("、", knownKeys)}）" : $"，是否应为“{suggestion}”？"));
        }
    }

    private string Where => _path.Length == 0 ? "顶层" : $"{_path} 中";

    /// <summary>Appended to a path to locate a mapping's key rather than its value (items keyed by department).</summary>
    public const string KeySuffix = "#key";

    public string Path(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public YamlNode? Node(string key) => _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public bool Has(string key) => Node(key) is not null;

    private YamlNode? Located(string key)
    {
        var node = Node(key);
        if (node is not null)
        {
            _context.Locate(Path(key), node);
        }
        return node;
    }

    /// <summary>A problem at the value of <paramref name="key"/> (or at this mapping when the key is absent).</summary>
    public void Fail(string key, string message) => _context.Error(Node(key) ?? _node, message);

    private void Missing(string key, string label) => _context.Error(_node, $"缺少必填字段“{key}”（{label}）");

    public string? String(string key, string label, bool required = true)
    {
        switch (Located(key))
        {
            case null:
                if (required)
                {
                    Missing(key, label);
                }
                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case var node:
                _context.Error(node, $"“{key}”（{label}）应为非空文本");
                return null;
        }
    }

    public int? Int(string key, string label, bool required = false) =>
        Parsed(key, label, required, (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            text => $"“{key}”（{label}）应为整数，实为“{text}”");

    public decimal? Decimal(string key, string label, bool required = false) =>
        Parsed(key, label, required, (string text, out decimal value) => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            text => $"“{key}”（{label}）应为数字，实为“{text}”");

    // 0001-01-01 would otherwise read as "not set" (the default a missing date has) and skip every date check.
    public DateOnly? Date(string key, string label, bool required = false) =>
        Parsed(key, label, required,
            (string text, out DateOnly value) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
                && value >= PlanLimits.EarliestDate && value <= PlanLimits.LatestDate,
            text => $"日期“{text}”无效，应为 {PlanLimits.EarliestDate.Year}–{PlanLimits.LatestDate.Year} 年间的 YYYY-MM-DD（{key}：{label}）");

    private delegate bool TryParse<T>(string text, out T value);

    private T? Parsed<T>(string key, string label, bool required, TryParse<T> parse, Func<string, string> problem)
        where T : struct
    {
        var text = String(key, label, required);
        if (text is null)
        {
            return null;
        }
        if (parse(text, out var value))
        {
            return value;
        }
        _context.Error(Node(key)!, problem(text));
        return null;
    }

    public bool? Bool(string key, string label)
    {
        var text = String(key, label, required: false);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "yes" or "是":
                return true;
            case "false" or "False" or "no" or "否":
                return false;
            default:
                _context.Error(Node(key)!, $"“{key}”（{label}）应为 true 或 false，实为“{text}”");
                return null;
        }
    }

    public YamlFields? Mapping(string key, string label, IReadOnlyCollection<string>? knownKeys, bool required = false)
    {
        switch (Located(key))
        {
            case null:
                if (required)
                {
                    Missing(key, label);
                }
                return null;
            case YamlMappingNode mapping:
                return new YamlFields(mapping, Path(key), knownKeys, _context);
            case var node:
                _context.Error(node, $"“{key}”（{label}）应为映射（键: 值）");
                return null;
        }
    }

    /// <summary>The items of a sequence with their paths ("key[i]"); a missing optional sequence is empty.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(string key, string label, bool required = false)
    {
        switch (Located(key))
        {
            case null:
                if (required)
                {
                    Missing(key, label);
                }
                return [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children.Select((n, i) => (n, $"{Path(key)}[{i}]")).Select(x => { _context.Locate(x.Item2, x.n); return (x.n, x.Item2); })];
            case var node:
                _context.Error(node, $"“{key}”（{label}）应为列表");
                return [];
        }
    }

    /// <summary>A list of non-empty strings, e.g. participants: [market, culture].</summary>
    public IReadOnlyList<string> Strings(string key, string label, bool required = false) =>
        [.. Sequence(key, label, required).Select(item => item.Node is YamlScalarNode { Value: { Length: > 0 } v } ? v : Bad(item.Node, label)).OfType<string>()];

    /// <summary>A list of whole numbers not below zero, e.g. result_entry_deadline: [5, 2, 1, 0].</summary>
    public IReadOnlyList<int>? Days(string key, string label)
    {
        if (!Has(key))
        {
            return null;
        }
        var days = new List<int>();
        foreach (var (node, _) in Sequence(key, label))
        {
            if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                days.Add(day);
            }
            else
            {
                _context.Error(node, $"“{key}”（{label}）中的每一项应为不小于0的整数（提前的天数）");
            }
        }
        return days;
    }

    public YamlFields? Item(YamlNode node, string path, string label, IReadOnlyCollection<string> knownKeys)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, path, knownKeys, _context);
        }
        _context.Error(node, $"{label}应为映射（键: 值）");
        return null;
    }

    public IEnumerable<(string Key, YamlNode Value, string Path)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            _context.Locate(Path(name) + KeySuffix, key);
            yield return (name, value, Path(name));
        }
    }

    private string? Bad(YamlNode node, string label)
    {
        _context.Error(node, $"{label}中的每一项应为非空文本");
        return null;
    }

    private static string? Closest(string key, IReadOnlyCollection<string> known) =>
        known.Select(k => (k, d: Distance(key, k))).Where(x => x.d <= Math.Max(2, x.k.Length / 3)).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
