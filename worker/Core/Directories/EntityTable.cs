using System.Collections;

namespace Campaigns.Core.Directories;

/// <summary>
/// An entity directory held as a few large arrays instead of one object per entity: the text of every row's USCC, name,
/// address and legal representative in one character array, and each row's industry, region and risk class as a number
/// into the names the directory uses. A province's million entities were some six million objects, which every full
/// garbage collection walked for as long as the directory was in use; here they are a handful of arrays. A row is
/// made into a <see cref="MarketEntity"/> when it is read, which a draw does for the entities it picks.
/// </summary>
public sealed class EntityTable : IReadOnlyList<MarketEntity>
{
    // Uscc, Name, Address, LegalRepresentative: the text fields, in this order, for every row.
    private const int TextFields = 4;

    private readonly char[] _text;
    private readonly int[] _starts;
    private readonly int[] _industry;
    private readonly int[] _region;
    private readonly int[] _riskClass;
    private readonly EntityStatus[] _status;
    private readonly string[] _industries;
    private readonly string[] _regions;
    private readonly string[] _riskClasses;

    private EntityTable(Builder rows)
    {
        (_text, _starts, _industry, _region, _riskClass, _status) = rows.Columns();
        _industries = Names(rows.Industries);
        _regions = Names(rows.Regions);
        _riskClasses = Names(rows.RiskClasses);
    }

    public int Count => _status.Length;

    public MarketEntity this[int index] => new(
        Text(index, 0), Text(index, 1), Text(index, 2), Text(index, 3),
        _industries[_industry[index]], _regions[_region[index]], _riskClasses[_riskClass[index]], _status[index]);

    /// <summary>The row's USCC without making the whole entity.</summary>
    public string UsccAt(int index) => Text(index, 0);

    public string IndustryAt(int index) => _industries[_industry[index]];

    public string RegionAt(int index) => _regions[_region[index]];

    public string RiskClassAt(int index) => _riskClasses[_riskClass[index]];

    public EntityStatus StatusAt(int index) => _status[index];

    public IEnumerator<MarketEntity> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string Text(int row, int field)
    {
        var start = _starts[row * TextFields + field];
        return new string(_text, start, _starts[row * TextFields + field + 1] - start);
    }

    private static string[] Names(Dictionary<string, int> ids) => [.. ids.OrderBy(n => n.Value).Select(n => n.Key)];

    /// <summary>
    /// Collects a directory row by row. Sized from the start when the caller knows the rows and their text (a file read
    /// whole), so a province directory is not copied again as its arrays grow.
    /// </summary>
    public sealed class Builder(int rows = 16, int textLength = 256)
    {
        private char[] _text = new char[Math.Max(1, textLength)];
        private int _length;
        private int[] _starts = new int[TextFields * Math.Max(1, rows) + 1];
        private int[] _industry = new int[Math.Max(1, rows)];
        private int[] _region = new int[Math.Max(1, rows)];
        private int[] _riskClass = new int[Math.Max(1, rows)];
        private EntityStatus[] _status = new EntityStatus[Math.Max(1, rows)];
        private int _count;

        internal Dictionary<string, int> Industries { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, int> Regions { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, int> RiskClasses { get; } = new(StringComparer.Ordinal);

        public void Add(MarketEntity entity)
        {
            if (_count == _status.Length)
            {
                var more = _count * 2;
                Array.Resize(ref _starts, TextFields * more + 1);
                Array.Resize(ref _industry, more);
                Array.Resize(ref _region, more);
                Array.Resize(ref _riskClass, more);
                Array.Resize(ref _status, more);
            }
            var field = _count * TextFields;
            foreach (var text in (ReadOnlySpan<string>)[entity.Uscc, entity.Name, entity.Address, entity.LegalRepresentative])
            {
                if (_length + text.Length > _text.Length)
                {
                    Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + text.Length));
                }
                _starts[field++] = _length;
                text.CopyTo(_text.AsSpan(_length));
                _length += text.Length;
            }
            _industry[_count] = Id(Industries, entity.Industry);
            _region[_count] = Id(Regions, entity.Region);
            _riskClass[_count] = Id(RiskClasses, entity.RiskClass);
            _status[_count] = entity.Status;
            _count++;
        }

        public EntityTable Build() => new(this);

        internal (char[] Text, int[] Starts, int[] Industry, int[] Region, int[] RiskClass, EntityStatus[] Status) Columns()
        {
            _starts[TextFields * _count] = _length;
            // The text keeps its spare room (the starts say where it ends): trimming would copy a province's 100 MB once more.
            return (_text, Trimmed(_starts, TextFields * _count + 1), Trimmed(_industry, _count), Trimmed(_region, _count),
                Trimmed(_riskClass, _count), Trimmed(_status, _count));
        }

        private static T[] Trimmed<T>(T[] array, int length) => array.Length == length ? array : array[..length];

        private static int Id(Dictionary<string, int> ids, string name)
        {
            if (!ids.TryGetValue(name, out var id))
            {
                ids[name] = id = ids.Count;
            }
            return id;
        }
    }
}
