using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>Population, hits and the sum of values of one group.</summary>
public record struct Counts(long Population, long Hits, double Value);

/// <summary>
/// The cube the bench rolls up, so that the Domain's <c>MonitorCube</c> can be put behind it once it lands. A breakdown is
/// named by a mask over <see cref="Dimension"/>: bit <c>1 &lt;&lt; (int)dimension</c> set = broken down by that dimension.
/// Only the base table (all seven dimensions) is kept up to date by adds and removes; breakdowns are rolled up from it.
/// </summary>
public interface IBenchCube : IObservationSink
{
    /// <summary>Takes an observation out again (a pupil's old observations when the pupil is recomputed).</summary>
    void Remove(in Observation observation);

    /// <summary>
    /// Rolls up every breakdown (all 2^7 masks) of every indicator from the base table, records each one's group count
    /// and keeps the tables of the kept masks (the headline ones); the others are released as soon as they are counted.
    /// </summary>
    void RollUp();

    /// <summary>Rolls up again only the kept masks (the headline tables a user looks at first), from the base table.</summary>
    void RollUpKept();

    /// <summary>The number of groups in one breakdown, as of the last <see cref="RollUp"/>.</summary>
    int Groups(Indicator indicator, int mask);

    /// <summary>The groups of one kept breakdown: the cell (dimensions outside the mask are null, cohort 0) and its counts.</summary>
    IEnumerable<(Cell Cell, Counts Counts)> Table(Indicator indicator, int mask);
}

/// <summary>
/// The bench's own cube: dimension values interned and packed into a 64-bit key (route 12 bits, cohort 8, vo 14, mbo 14,
/// leerweg, sector and niveau 4 each), one compact hash table (<see cref="GroupTable"/>) per indicator for the base (all
/// seven dimensions), which adds and removes update. <see cref="RollUp"/> walks a spanning tree of the cube lattice depth
/// first: each breakdown is derived from its parent with one dimension more (the dimension of fewest values added back,
/// so parents are small), and one reused table per depth holds it while its subtree is built, so at most one
/// root-to-leaf path of tables is alive beside the base. Per breakdown only the group count is recorded, and the tables
/// of the kept masks (by default every indicator per cohort and per cohort × niveau: the honesty check's figures) are copied.
/// </summary>
public sealed class BenchCube : IBenchCube
{
    /// <summary>The number of breakdowns per indicator: every subset of the dimensions.</summary>
    public const int Masks = 1 << 7;

    /// <summary>The masks kept by default: per cohort, and per cohort × niveau.</summary>
    public static ImmutableArray<int> HeadlineMasks { get; } = [Breakdown.Mask(Dimension.Cohort, Dimension.Niveau), Breakdown.Mask(Dimension.Cohort)];

    internal static readonly int[] Shift = [48, 40, 26, 12, 8, 4, 0];
    internal static readonly int[] Width = [12, 8, 14, 14, 4, 4, 4];
    internal static readonly ulong[] FieldsOf = BuildFields();
    internal const int CohortBase = 1900;
    private const int Full = Masks - 1;

    /// <summary>The dimensions from fewest values to most: a breakdown's parent adds back the first one it lacks.</summary>
    private static readonly int[] ByValues =
    [
        (int)Dimension.Niveau,
        (int)Dimension.Sector,
        (int)Dimension.Leerweg,
        (int)Dimension.Cohort,
        (int)Dimension.Route,
        (int)Dimension.MboInstelling,
        (int)Dimension.VoVestiging,
    ];

    internal static readonly int[][] Children = BuildChildren();

    private readonly GroupTable[] _base;
    private readonly int[][] _groups;
    private readonly GroupTable?[][] _kept;
    private readonly int[] _keep;
    private readonly GroupTable?[] _path = new GroupTable?[8];
    private readonly Interner _routes = new(),
        _vo = new(),
        _mbo = new();

    /// <summary>An empty cube that keeps the <see cref="HeadlineMasks"/>.</summary>
    public BenchCube()
        : this(HeadlineMasks) { }

    /// <summary>An empty cube that keeps the tables of <paramref name="keep"/> after a roll-up.</summary>
    public BenchCube(IEnumerable<int> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        _keep = [.. keep.Distinct().OrderByDescending(int.PopCount)];
        var indicators = Enum.GetValues<Indicator>().Length;
        _base = new GroupTable[indicators];
        _groups = new int[indicators][];
        _kept = new GroupTable?[indicators][];
        for (var i = 0; i < indicators; i++)
        {
            _base[i] = new GroupTable();
            _groups[i] = new int[Masks];
            _kept[i] = new GroupTable?[Masks];
        }
    }

    /// <inheritdoc/>
    public void Add(in Observation observation) => Apply(observation, 1);

    /// <inheritdoc/>
    public void Remove(in Observation observation) => Apply(observation, -1);

    private void Apply(in Observation o, int sign) => _base[(int)o.Indicator].Add(Pack(o.Cell), sign, o.Hit ? sign : 0, sign * o.Value);

    /// <summary>Applies a net change to one group of the base table.</summary>
    internal void Apply(in CubeDelta d) => _base[d.Indicator].Add(d.Key, d.Population, d.Hits, d.Value);

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (-1) an observation already packed.</summary>
    internal void Apply(in PackedObservation o, int sign) => _base[o.Indicator].Add(o.Key, sign, o.Hit ? sign : 0, sign * o.Value);

    /// <inheritdoc/>
    public void RollUp()
    {
        for (var i = 0; i < _base.Length; i++)
        {
            _groups[i][Full] = _base[i].Count;
            Keep(i, Full, _base[i]);
            Walk(i, Full, _base[i], 1);
        }
    }

    private void Walk(int indicator, int mask, GroupTable table, int depth)
    {
        foreach (var child in Children[mask])
        {
            var into = _path[depth] ??= new GroupTable();
            into.Reset(table.Count);
            table.RollInto(into, FieldsOf[child]);
            _groups[indicator][child] = into.Count;
            Keep(indicator, child, into);
            if (Children[child].Length > 0)
                Walk(indicator, child, into, depth + 1);
        }
        if (depth == 1)
            Array.Clear(_path);
    }

    private void Keep(int indicator, int mask, GroupTable table)
    {
        if (Array.IndexOf(_keep, mask) < 0)
            return;
        var kept = _kept[indicator][mask] = new GroupTable(table.Count);
        table.RollInto(kept, FieldsOf[Full]);
    }

    /// <inheritdoc/>
    public void RollUpKept()
    {
        for (var i = 0; i < _base.Length; i++)
        {
            // Each kept mask from the smallest kept table that contains it, else from the base (largest masks first).
            foreach (var mask in _keep)
            {
                GroupTable? from = null;
                foreach (var other in _keep)
                {
                    if (other != mask && (other & mask) == mask && _kept[i][other] is { } t && (from is null || t.Count < from.Count))
                        from = t;
                }
                from ??= _base[i];
                var kept = new GroupTable(Math.Min(from.Count, 1 << 16));
                from.RollInto(kept, FieldsOf[mask]);
                _kept[i][mask] = kept;
                _groups[i][mask] = kept.Count;
            }
        }
    }

    /// <inheritdoc/>
    public int Groups(Indicator indicator, int mask) => _groups[(int)indicator][mask];

    /// <inheritdoc/>
    public IEnumerable<(Cell Cell, Counts Counts)> Table(Indicator indicator, int mask)
    {
        var table = _kept[(int)indicator][mask]
            ?? throw new InvalidOperationException($"breakdown {mask} of {indicator} is not kept (or not rolled up yet); keep it when making the cube");
        foreach (var (key, counts) in table.Groups())
            yield return (Unpack(key), counts);
    }

    /// <summary>A fingerprint of the cube (group counts of every breakdown, population and hits of the base and kept tables), to tell two cube states
    /// apart.</summary>
    public (long Groups, long Population, long Hits) Fingerprint()
    {
        long groups = 0,
            population = 0,
            hits = 0;
        for (var i = 0; i < _base.Length; i++)
        {
            groups += _groups[i].Sum(g => (long)g);
            foreach (var table in _kept[i].Append(_base[i]))
            {
                if (table is null)
                    continue;
                groups += table.Count;
                foreach (var (_, counts) in table.Groups())
                {
                    population += counts.Population;
                    hits += counts.Hits;
                }
            }
        }
        return (groups, population, hits);
    }

    /// <summary>
    /// Packs a cell with only the values already interned (no writes: safe from many threads while nothing is added);
    /// false when a value is new, and the cell must be packed by <see cref="Pack"/> on the cube's thread.
    /// </summary>
    internal bool TryPack(in Cell c, Memo memo, out ulong key)
    {
        key = 0;
        var cohort = c.Cohort - CohortBase;
        if (
            cohort is < 0 or > 255
            || !Id(_routes, c.Route, ref memo.Route, ref memo.RouteId, out var route)
            || !Id(_vo, c.VoVestiging, ref memo.Vo, ref memo.VoId, out var vo)
            || !Id(_mbo, c.MboInstelling, ref memo.Mbo, ref memo.MboId, out var mbo)
        )
            return false;
        key =
            Field(0, route)
            | Field(1, (ulong)cohort)
            | Field(2, vo)
            | Field(3, mbo)
            | Field(4, c.Leerweg is { } l ? (ulong)l + 1 : 0)
            | Field(5, c.Sector is { } s ? (ulong)s + 1 : 0)
            | Field(6, (ulong)(c.Niveau ?? 0));
        return true;
    }

    private static bool Id(Interner interner, string? value, ref string? last, ref ulong lastId, out ulong id)
    {
        if (value is not null && ReferenceEquals(value, last))
        {
            id = lastId;
            return true;
        }
        if (!interner.TryId(value, out id))
            return false;
        if (value is not null)
            (last, lastId) = (value, id);
        return true;
    }

    /// <summary>One thread's last interned string per dimension and its id, for <see cref="TryPack"/>.</summary>
    internal sealed class Memo
    {
        public string? Route,
            Vo,
            Mbo;
        public ulong RouteId,
            VoId,
            MboId;
    }

    /// <summary>Packs a cell into the base table's 64-bit key, interning new values (one thread).</summary>
    internal ulong Pack(in Cell c)
    {
        var cohort = c.Cohort - CohortBase;
        if (cohort is < 0 or > 255)
            throw new ArgumentOutOfRangeException(nameof(c), c.Cohort, "a cohort year from 1900 to 2155");
        return Field(0, _routes.Id(c.Route))
            | Field(1, (ulong)cohort)
            | Field(2, _vo.Id(c.VoVestiging))
            | Field(3, _mbo.Id(c.MboInstelling))
            | Field(4, c.Leerweg is { } l ? (ulong)l + 1 : 0)
            | Field(5, c.Sector is { } s ? (ulong)s + 1 : 0)
            | Field(6, (ulong)(c.Niveau ?? 0));
    }

    private static ulong Field(int dimension, ulong value)
    {
        if (value >= 1UL << Width[dimension])
            throw new InvalidOperationException($"{(Dimension)dimension}: more distinct values than the bench cube's {Width[dimension]} bits hold");
        return value << Shift[dimension];
    }

    private Cell Unpack(ulong key)
    {
        int Get(int d) => (int)((key >> Shift[d]) & ((1UL << Width[d]) - 1));
        var cohort = Get(1);
        return new Cell(
            _routes.Value(Get(0)),
            cohort == 0 ? 0 : cohort + CohortBase,
            _vo.Value(Get(2)),
            _mbo.Value(Get(3)),
            Get(4) is var l and > 0 ? (Leerweg)(l - 1) : null,
            Get(5) is var s and > 0 ? (Direction)(s - 1) : null,
            Get(6) is var n and > 0 ? n : null
        );
    }

    /// <summary>The spanning tree: a mask's parent is the mask with the first dimension (by <see cref="ByValues"/>) it lacks added back.</summary>
    private static int[][] BuildChildren()
    {
        var children = Enumerable.Range(0, Masks).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < Full; m++)
        {
            var add = ByValues.First(d => (m & (1 << d)) == 0);
            children[m | (1 << add)].Add(m);
        }
        return [.. children.Select(c => c.ToArray())];
    }

    private static ulong[] BuildFields()
    {
        var fields = new ulong[Masks];
        for (var m = 0; m < Masks; m++)
        {
            for (var d = 0; d < 7; d++)
            {
                if ((m & (1 << d)) != 0)
                    fields[m] |= ((1UL << Width[d]) - 1) << Shift[d];
            }
        }
        return fields;
    }

    /// <summary>Strings to small ids; 0 is null.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _values = [null!];

        public ulong Id(string? value)
        {
            if (value is null)
                return 0;
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
            if (!exists)
            {
                id = _values.Count;
                _values.Add(value);
            }
            return (ulong)id;
        }

        public string? Value(int id) => id == 0 ? null : _values[id];

        /// <summary>The id of a value already interned (reads only).</summary>
        public bool TryId(string? value, out ulong id)
        {
            id = 0;
            if (value is null)
                return true;
            if (!_ids.TryGetValue(value, out var found))
                return false;
            id = (ulong)found;
            return true;
        }
    }
}

/// <summary>Dimension masks and DuckDB's GROUPING() ids.</summary>
public static class Breakdown
{
    /// <summary>The mask of a set of dimensions.</summary>
    public static int Mask(params ReadOnlySpan<Dimension> by)
    {
        var mask = 0;
        foreach (var d in by)
            mask |= 1 << (int)d;
        return mask;
    }

    /// <summary>
    /// DuckDB's <c>GROUPING(route, cohort, vo, mbo, leerweg, sector, niveau)</c> for a mask: the first argument is the most
    /// significant bit, and a bit is 1 where the column is rolled up (not in the mask).
    /// </summary>
    public static int GroupingId(int mask)
    {
        var g = 0;
        for (var d = 0; d < 7; d++)
        {
            if ((mask & (1 << d)) == 0)
                g |= 1 << (6 - d);
        }
        return g;
    }

    /// <summary>The dimensions of a mask, for display.</summary>
    public static ImmutableArray<Dimension> Dimensions(int mask) => [.. Enum.GetValues<Dimension>().Where(d => (mask & (1 << (int)d)) != 0)];
}
