namespace Campaigns.Core.Directories;

/// <summary>
/// An entity directory as a draw reads it: a few columns sorted by USCC, about 26 bytes an entity, so a province
/// directory of ten million entities fits in memory and is scanned in a fraction of a second. A position is a
/// place in USCC order; the full <see cref="MarketEntity"/> is only materialised for the entities a draw picks.
/// </summary>
public sealed class EntityIndex
{
    private readonly UInt128[] _keys;
    private readonly int[] _rowAt;
    private readonly byte[] _risk;
    private readonly ushort[] _industry;
    private readonly ushort[] _region;
    private readonly bool[] _active;
    private readonly string[] _riskClasses;
    private readonly Dictionary<string, int> _industries;
    private readonly Dictionary<string, int> _regions;
    private readonly Func<int, MarketEntity> _row;
    private Dictionary<(int Industry, int Region), int[]>? _byScope;

    private EntityIndex(Builder columns, Func<int, MarketEntity> row)
    {
        _keys = [.. columns.Keys];
        _rowAt = [.. Enumerable.Range(0, _keys.Length)];
        Array.Sort(_keys, _rowAt);
        for (var p = 1; p < _keys.Length; p++)
        {
            if (_keys[p] == _keys[p - 1])
            {
                throw new ArgumentException($"duplicate USCC {new UsccKey(_keys[p])} in the directory");
            }
        }
        _risk = [.. columns.Risk];
        _industry = [.. columns.Industry];
        _region = [.. columns.Region];
        _active = [.. columns.Active];
        _riskClasses = [.. columns.RiskClasses.OrderBy(c => c.Value).Select(c => c.Key)];
        _industries = columns.Industries;
        _regions = columns.Regions;
        _row = row;
    }

    public int Count => _keys.Length;

    /// <summary>The risk classes the directory names, by id.</summary>
    public IReadOnlyList<string> RiskClasses => _riskClasses;

    public static EntityIndex Build(IReadOnlyList<MarketEntity> rows)
    {
        var builder = new Builder(rows.Count);
        if (rows is EntityTable table)
        {
            // Column by column: making each row into an entity first would make a province directory's million objects.
            for (var i = 0; i < table.Count; i++)
            {
                builder.Add(table.UsccAt(i), table.IndustryAt(i), table.RegionAt(i), table.RiskClassAt(i), table.StatusAt(i) == EntityStatus.Active);
            }
        }
        else
        {
            foreach (var e in rows)
            {
                builder.Add(e.Uscc, e.Industry, e.Region, e.RiskClass, e.Status == EntityStatus.Active);
            }
        }
        return builder.Build(i => rows[i]);
    }

    /// <summary>
    /// Positions, in USCC order, of the active entities in the industry and region (null = any) whose position is not
    /// in <paramref name="excluded"/>.
    /// </summary>
    public ArraySegment<int> Eligible(string? industry, string? region, IReadOnlySet<int> excluded)
    {
        var wantIndustry = Id(_industries, industry);
        var wantRegion = Id(_regions, region);
        if (wantIndustry == -2 || wantRegion == -2)
        {
            return ArraySegment<int>.Empty;
        }
        if (wantIndustry >= 0 && wantRegion >= 0)
        {
            // A province's draw day draws 2,000 campaigns, each of one industry in one county: scanning the whole directory
            // for each was most of the engine's time. One pass groups the active positions by industry and region instead.
            var scope = LazyInitializer.EnsureInitialized(ref _byScope, GroupByScope);
            var positions = scope.GetValueOrDefault((wantIndustry, wantRegion), []);
            // A copy: the draw shuffles what it is given in place.
            return excluded.Count == 0 ? positions.ToArray() : positions.Where(p => !excluded.Contains(p)).ToArray();
        }
        var eligible = new int[_keys.Length];
        var count = 0;
        for (var p = 0; p < _keys.Length; p++)
        {
            var row = _rowAt[p];
            if (_active[row] && (wantIndustry < 0 || _industry[row] == wantIndustry) && (wantRegion < 0 || _region[row] == wantRegion)
                && (excluded.Count == 0 || !excluded.Contains(p)))
            {
                eligible[count++] = p;
            }
        }
        return new ArraySegment<int>(eligible, 0, count);
    }

    /// <summary>The active positions of each industry and region, each list in USCC order.</summary>
    private Dictionary<(int Industry, int Region), int[]> GroupByScope()
    {
        var groups = new Dictionary<(int Industry, int Region), List<int>>();
        for (var p = 0; p < _keys.Length; p++)
        {
            var row = _rowAt[p];
            if (_active[row])
            {
                var scope = ((int)_industry[row], (int)_region[row]);
                if (!groups.TryGetValue(scope, out var positions))
                {
                    groups[scope] = positions = [];
                }
                positions.Add(p);
            }
        }
        return groups.ToDictionary(g => g.Key, g => g.Value.ToArray());
    }

    /// <summary>The position of a USCC, or -1 when the directory does not hold it.</summary>
    public int Find(string uscc) =>
        UsccKey.TryParse(uscc, out var key) && Array.BinarySearch(_keys, key.Value) is var p and >= 0 ? p : -1;

    /// <summary>Whether the entity at <paramref name="position"/> is in the industry and region (null = any).</summary>
    public bool InScope(int position, string? industry, string? region)
    {
        var row = _rowAt[position];
        return (industry is null || _industry[row] == Id(_industries, industry))
            && (region is null || _region[row] == Id(_regions, region));
    }

    public int RiskClassAt(int position) => _risk[_rowAt[position]];

    public string UsccAt(int position) => new UsccKey(_keys[position]).ToString();

    public MarketEntity EntityAt(int position) => _row(_rowAt[position]);

    /// <summary>-1 for "any", -2 for a name the directory never uses.</summary>
    private static int Id(Dictionary<string, int> names, string? name) =>
        name is null ? -1 : names.TryGetValue(name, out var id) ? id : -2;

    /// <summary>Collects the columns row by row, for a directory read from a file or generated for a benchmark.</summary>
    public sealed class Builder(int capacity)
    {
        internal List<UInt128> Keys { get; } = new(capacity);
        internal List<byte> Risk { get; } = new(capacity);
        internal List<ushort> Industry { get; } = new(capacity);
        internal List<ushort> Region { get; } = new(capacity);
        internal List<bool> Active { get; } = new(capacity);
        internal Dictionary<string, int> RiskClasses { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, int> Industries { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, int> Regions { get; } = new(StringComparer.Ordinal);

        public void Add(string uscc, string industry, string region, string riskClass, bool active)
        {
            Keys.Add(UsccKey.Parse(uscc).Value);
            Risk.Add((byte)Intern(RiskClasses, riskClass, byte.MaxValue, "risk classes"));
            Industry.Add((ushort)Intern(Industries, industry, ushort.MaxValue, "industries"));
            Region.Add((ushort)Intern(Regions, region, ushort.MaxValue, "regions"));
            Active.Add(active);
        }

        /// <summary>The index; <paramref name="row"/> gives the full entity of the i-th row added.</summary>
        public EntityIndex Build(Func<int, MarketEntity> row) => new(this, row);

        private static int Intern(Dictionary<string, int> names, string name, int limit, string what)
        {
            if (!names.TryGetValue(name, out var id))
            {
                id = names.Count;
                if (id > limit)
                {
                    throw new ArgumentException($"more than {limit + 1} distinct {what} in one directory");
                }
                names.Add(name, id);
            }
            return id;
        }
    }
}
