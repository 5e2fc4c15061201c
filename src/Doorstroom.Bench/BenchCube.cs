using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>Population, hits and the sum of values of one group.</summary>
public record struct Counts(long Population, long Hits, double Value);

/// <summary>
/// The cube the bench rolls up, so that the Domain's <c>MonitorCube</c> can be put behind it once it lands. A breakdown is
/// named by a mask over <see cref="Dimension"/>: bit <c>1 &lt;&lt; (int)dimension</c> set = broken down by that dimension.
/// </summary>
public interface IBenchCube : IObservationSink
{
    /// <summary>Takes an observation out again (a pupil's old observations when the pupil is recomputed).</summary>
    void Remove(in Observation observation);

    /// <summary>Materialises every breakdown (all 2^7 masks) of every indicator; afterwards adds and removes keep them up to date.</summary>
    void RollUp();

    /// <summary>The number of groups in one breakdown (after <see cref="RollUp"/>).</summary>
    int Groups(Indicator indicator, int mask);

    /// <summary>The groups of one breakdown: the cell (dimensions outside the mask are null, cohort 0) and its counts.</summary>
    IEnumerable<(Cell Cell, Counts Counts)> Table(Indicator indicator, int mask);
}

/// <summary>
/// The bench's own cube: dimension values interned and packed into a 64-bit key (route 12 bits, cohort 8, vo 14, mbo 14,
/// leerweg, sector and niveau 4 each), one compact hash table (<see cref="GroupTable"/>) per indicator and mask. <see cref="RollUp"/> derives each breakdown
/// from its smallest already-built parent with one dimension more (the cube lattice), not from the base each time; after
/// it, every add or remove updates all 128 breakdowns, so recomputing a few pupils costs 128 hash updates an observation.
/// </summary>
public sealed class BenchCube : IBenchCube
{
    /// <summary>The number of breakdowns per indicator: every subset of the dimensions.</summary>
    public const int Masks = 1 << 7;

    private static readonly int[] Shift = [48, 40, 26, 12, 8, 4, 0];
    private static readonly int[] Width = [12, 8, 14, 14, 4, 4, 4];
    private static readonly ulong[] FieldsOf = BuildFields();
    private const int CohortBase = 1900;

    private readonly GroupTable[][] _tables;
    private readonly Interner _routes = new(), _vo = new(), _mbo = new();
    private bool _rolledUp;

    /// <summary>An empty cube.</summary>
    public BenchCube()
    {
        var indicators = Enum.GetValues<Indicator>().Length;
        _tables = new GroupTable[indicators][];
        for (var i = 0; i < indicators; i++)
        {
            _tables[i] = new GroupTable[Masks];
            _tables[i][Masks - 1] = new GroupTable();
        }
    }

    /// <inheritdoc/>
    public void Add(in Observation observation) => Apply(observation, 1);

    /// <inheritdoc/>
    public void Remove(in Observation observation) => Apply(observation, -1);

    private void Apply(in Observation o, int sign)
    {
        var key = Pack(o.Cell);
        var hits = o.Hit ? sign : 0;
        var value = sign * o.Value;
        var tables = _tables[(int)o.Indicator];
        if (!_rolledUp)
        {
            tables[Masks - 1].Add(key, sign, hits, value);
            return;
        }
        for (var m = 0; m < Masks; m++) tables[m].Add(key & FieldsOf[m], sign, hits, value);
    }

    /// <inheritdoc/>
    public void RollUp()
    {
        if (_rolledUp) return;
        var order = Enumerable.Range(0, Masks - 1).OrderByDescending(m => int.PopCount(m)).ToArray();
        foreach (var tables in _tables)
        {
            foreach (var mask in order)
            {
                GroupTable? parent = null;
                for (var d = 0; d < 7; d++)
                {
                    if ((mask & (1 << d)) != 0) continue;
                    var candidate = tables[mask | (1 << d)];
                    if (candidate is null) continue;
                    if (parent is null || candidate.Count < parent.Count) parent = candidate;
                }
                var table = tables[mask] = new GroupTable(Math.Min(parent!.Count, 1 << 16));
                parent.RollInto(table, FieldsOf[mask]);
            }
        }
        _rolledUp = true;
    }

    /// <inheritdoc/>
    public int Groups(Indicator indicator, int mask) => _tables[(int)indicator][mask]?.Count ?? 0;

    /// <summary>Bytes held by the group tables.</summary>
    public long Bytes => _tables.Sum(t => t.Sum(g => g?.Bytes ?? 0));

    /// <inheritdoc/>
    public IEnumerable<(Cell Cell, Counts Counts)> Table(Indicator indicator, int mask)
    {
        foreach (var (key, counts) in _tables[(int)indicator][mask].Groups()) yield return (Unpack(key), counts);
    }

    /// <summary>A fingerprint of every breakdown (group counts and sums), to tell two cube states apart.</summary>
    public (long Groups, long Population, long Hits) Fingerprint()
    {
        long groups = 0, population = 0, hits = 0;
        foreach (var tables in _tables)
        {
            foreach (var table in tables)
            {
                if (table is null) continue;
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

    private ulong Pack(in Cell c)
    {
        var cohort = c.Cohort - CohortBase;
        if (cohort is < 0 or > 255) throw new ArgumentOutOfRangeException(nameof(c), c.Cohort, "a cohort year from 1900 to 2155");
        return Field(0, _routes.Id(c.Route)) | Field(1, (ulong)cohort) | Field(2, _vo.Id(c.VoVestiging)) | Field(3, _mbo.Id(c.MboInstelling))
            | Field(4, c.Leerweg is { } l ? (ulong)l + 1 : 0) | Field(5, c.Sector is { } s ? (ulong)s + 1 : 0) | Field(6, (ulong)(c.Niveau ?? 0));
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
        return new Cell(_routes.Value(Get(0)), cohort == 0 ? 0 : cohort + CohortBase, _vo.Value(Get(2)), _mbo.Value(Get(3)),
            Get(4) is var l and > 0 ? (Leerweg)(l - 1) : null, Get(5) is var s and > 0 ? (Direction)(s - 1) : null, Get(6) is var n and > 0 ? n : null);
    }

    private static ulong[] BuildFields()
    {
        var fields = new ulong[Masks];
        for (var m = 0; m < Masks; m++)
        {
            for (var d = 0; d < 7; d++)
            {
                if ((m & (1 << d)) != 0) fields[m] |= ((1UL << Width[d]) - 1) << Shift[d];
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
            if (value is null) return 0;
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
            if (!exists)
            {
                id = _values.Count;
                _values.Add(value);
            }
            return (ulong)id;
        }

        public string? Value(int id) => id == 0 ? null : _values[id];
    }
}

/// <summary>Dimension masks and DuckDB's GROUPING() ids.</summary>
public static class Breakdown
{
    /// <summary>The mask of a set of dimensions.</summary>
    public static int Mask(params ReadOnlySpan<Dimension> by)
    {
        var mask = 0;
        foreach (var d in by) mask |= 1 << (int)d;
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
            if ((mask & (1 << d)) == 0) g |= 1 << (6 - d);
        }
        return g;
    }

    /// <summary>The dimensions of a mask, for display.</summary>
    public static ImmutableArray<Dimension> Dimensions(int mask) =>
        [.. Enum.GetValues<Dimension>().Where(d => (mask & (1 << (int)d)) != 0)];
}
