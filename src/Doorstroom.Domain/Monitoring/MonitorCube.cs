using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>One row of a monitor table: the keys of the requested dimensions, the population, the hits and the mean value of the hits (time to SK; null for
/// other indicators and without hits).</summary>
public sealed record MonitorRow(ImmutableArray<string> Keys, long Population, long Hits, double? Mean);

/// <summary>An indicator rolled up to some dimensions; rows sorted by their keys.</summary>
public sealed record MonitorTable(Indicator Indicator, ImmutableArray<Dimension> By, ImmutableArray<MonitorRow> Rows);

/// <summary>
/// Accumulates observations per (indicator, cell): population, hits and the sum of the hits' values. Observations can be
/// taken out again (<see cref="Subtract"/>), so after new events a pupil's old observations are subtracted and the new ones
/// added (<c>MonitorEngine</c> in Storage). Memory grows with the groups, not with the pupils or events: each cell is packed
/// into a 64-bit key (<see cref="CubeLayout"/>) in one compact hash table per indicator, 16 bytes a group (24 with a value).
/// Not thread-safe: one cube per writer, merged with <see cref="AddAll"/>; readers share a cube only while nobody writes
/// (<see cref="Clone"/> gives a writer its own).
/// </summary>
public sealed class MonitorCube : IObservationSink
{
    private static readonly int IndicatorCount = Enum.GetValues<Indicator>().Length;

    private readonly CellCodec codec;
    private readonly GroupTable[] tables;

    /// <summary>An empty cube.</summary>
    public MonitorCube()
    {
        codec = new CellCodec();
        tables = new GroupTable[IndicatorCount];
        for (var i = 0; i < tables.Length; i++)
            tables[i] = new GroupTable();
    }

    private MonitorCube(MonitorCube other)
    {
        codec = other.codec.Clone();
        tables = [.. other.tables.Select(t => t.Clone())];
    }

    /// <summary>A copy that changes apart from this cube (a writer's own, while readers keep this one).</summary>
    public MonitorCube Clone() => new(this);

    /// <summary>The number of (indicator, cell) pairs with a non-zero population.</summary>
    public int Count => tables.Sum(t => t.Count);

    /// <summary>Bytes held by the cube's tables (the interned strings not counted).</summary>
    public long Bytes => tables.Sum(t => t.Bytes);

    /// <summary>Counts one observation.</summary>
    public void Add(in Observation observation) => Add(observation, 1);

    /// <summary>Takes one earlier-added observation out again.</summary>
    public void Subtract(in Observation observation) => Add(observation, -1);

    /// <summary>Counts an observation <paramref name="weight"/> times (negative to take it out); a cell at population 0 is no longer listed.</summary>
    public void Add(in Observation observation, long weight)
    {
        var w = checked((int)weight);
        tables[(int)observation.Indicator].Add(codec.Pack(observation.Cell), w, observation.Hit ? w : 0, observation.Hit ? w * observation.Value : 0);
    }

    /// <summary>
    /// Adds every cell of another cube (e.g. one filled on another thread), <paramref name="sign"/> -1 to take them out again:
    /// its keys re-packed with this cube's codec.
    /// </summary>
    public void AddAll(MonitorCube other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (sign is not (1 or -1))
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "1 or -1");
        for (var i = 0; i < tables.Length; i++)
        {
            var from = other.tables[i];
            for (var s = 0; s < from.Slots; s++)
            {
                if (from.Live(s, out var key, out var population, out var hits, out var value))
                    tables[i].Add(codec.Pack(other.codec.Unpack(key)), sign * population, sign * hits, sign * value);
            }
        }
    }

    /// <summary>Every live cell of one indicator with its population, hits and sum of values (in no particular order).</summary>
    public IReadOnlyList<(Cell Cell, long Population, long Hits, double Sum)> Cells(Indicator indicator)
    {
        var table = tables[(int)indicator];
        var cells = new List<(Cell, long, long, double)>(table.Count);
        for (var s = 0; s < table.Slots; s++)
        {
            if (table.Live(s, out var key, out var population, out var hits, out var value))
                cells.Add((codec.Unpack(key), population, hits, value));
        }
        return cells;
    }

    /// <summary>
    /// True when both cubes hold the same cells with the same population and hits, and sums within <paramref name="tolerance"/>
    /// (sums of doubles added and taken out in another order differ in their last bits); false names nothing, see
    /// <see cref="Difference"/>.
    /// </summary>
    public bool SameAs(MonitorCube other, double tolerance = 1e-6) => Difference(other, tolerance) is null;

    /// <summary>The first difference from another cube, in words, or null when they hold the same (see <see cref="SameAs"/>).</summary>
    public string? Difference(MonitorCube other, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var indicator in Enum.GetValues<Indicator>())
        {
            var mine = Cells(indicator).ToDictionary(c => c.Cell, c => (c.Population, c.Hits, c.Sum));
            var theirs = other.Cells(indicator).ToDictionary(c => c.Cell, c => (c.Population, c.Hits, c.Sum));
            if (mine.Count != theirs.Count)
                return $"{indicator}: {mine.Count} cells against {theirs.Count}";
            foreach (var (cell, (population, hits, sum)) in mine)
            {
                if (!theirs.TryGetValue(cell, out var t))
                    return $"{indicator}: {cell} only on one side";
                if (t.Population != population || t.Hits != hits || Math.Abs(t.Sum - sum) > tolerance)
                    return $"{indicator}: {cell}: {population}/{hits}/{sum} against {t.Population}/{t.Hits}/{t.Sum}";
            }
        }
        return null;
    }

    /// <summary>
    /// Rolls up every breakdown (each of the 2^7 subsets of the dimensions) of every indicator from the base, each from its
    /// parent in a spanning tree of the lattice, one reused table per depth: at most one root-to-leaf path of tables lives
    /// beside the base. Per breakdown only its group count and how many groups reach <paramref name="publishable"/> pupils
    /// (a table may show them, <see cref="Suppression"/>) are kept.
    /// </summary>
    public CubeBreakdowns RollUp(int publishable = 5)
    {
        var path = new GroupTable?[8];
        var each = new IndicatorBreakdowns[IndicatorCount];
        for (var i = 0; i < IndicatorCount; i++)
            each[i] = RollUp(i, publishable, path);
        return CubeBreakdowns.From(each);
    }

    /// <summary>
    /// <see cref="RollUp(int)"/> for one indicator. The cube is only read, so the indicators may be rolled up at the same time
    /// while nobody writes (<c>MonitorEngine.RollUp</c> in Storage spreads them over the cores).
    /// </summary>
    public IndicatorBreakdowns RollUp(Indicator indicator, int publishable = 5) => RollUp((int)indicator, publishable, new GroupTable?[8]);

    private IndicatorBreakdowns RollUp(int indicator, int publishable, GroupTable?[] path)
    {
        var groups = new int[CubeLayout.Masks];
        var shown = new int[CubeLayout.Masks];
        groups[CubeLayout.Full] = tables[indicator].Count;
        shown[CubeLayout.Full] = tables[indicator].CountAtLeast(publishable);
        Walk(CubeLayout.Full, tables[indicator], 1);
        return new IndicatorBreakdowns([.. groups], [.. shown]);

        void Walk(int mask, GroupTable table, int depth)
        {
            foreach (var child in CubeLayout.Children(mask))
            {
                var into = path[depth] ??= new GroupTable();
                into.Reset(table.Count);
                table.RollInto(into, CubeLayout.Fields(child));
                groups[child] = into.Count;
                shown[child] = into.CountAtLeast(publishable);
                if (CubeLayout.Children(child).Length > 0)
                    Walk(child, into, depth + 1);
            }
        }
    }

    /// <summary>
    /// The keys (as <see cref="Key"/> writes them) each of <paramref name="dimensions"/> takes in any live cell of any indicator,
    /// sorted: one pass over the packed keys, the texts made once per distinct value.
    /// </summary>
    public ImmutableDictionary<Dimension, ImmutableArray<string>> Values(IReadOnlyList<Dimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var seen = dimensions.Select(_ => new HashSet<ulong>()).ToArray();
        var fields = dimensions.Select(CubeLayout.Field).ToArray();
        foreach (var table in tables)
        {
            for (var s = 0; s < table.Slots; s++)
            {
                if (!table.Live(s, out var key, out _, out _, out _))
                    continue;
                for (var d = 0; d < fields.Length; d++)
                    seen[d].Add(key & fields[d]);
            }
        }
        return dimensions
            .Select((d, i) => (d, i))
            .ToImmutableDictionary(
                x => x.d,
                x => seen[x.i].Select(k => Key(codec.Unpack(k), x.d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray()
            );
    }

    /// <summary>
    /// Rolls the indicator up to the dimensions <paramref name="by"/> (in that order; none gives one total row), over the cells
    /// <paramref name="where"/> accepts. Keys are text: route id, cohort year, BRIN, leerweg in lower case, sector name, niveau;
    /// a missing value is "onbekend". Without a filter the groups are rolled up on the packed keys first and made text once each.
    /// </summary>
    public MonitorTable Table(Indicator indicator, IReadOnlyList<Dimension> by, Func<Cell, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        var mask = 0;
        foreach (var d in by)
            mask |= 1 << (int)d;
        var source = tables[(int)indicator];
        var rolled = new GroupTable(where is null ? Math.Min(source.Count, 1 << 16) : 16);
        var fields = CubeLayout.Fields(mask);
        if (where is null)
            source.RollInto(rolled, fields);
        else
        {
            for (var s = 0; s < source.Slots; s++)
            {
                if (source.Live(s, out var key, out var population, out var hits, out var value) && where(codec.Unpack(key)))
                    rolled.Add(key & fields, population, hits, value);
            }
        }
        var groups = new Dictionary<string, (string[] Keys, long Population, long Hits, double Sum)>(StringComparer.Ordinal);
        var keys = new string[by.Count];
        for (var s = 0; s < rolled.Slots; s++)
        {
            if (!rolled.Live(s, out var key, out var population, out var hits, out var value))
                continue;
            var cell = codec.Unpack(key);
            for (var i = 0; i < keys.Length; i++)
                keys[i] = Key(cell, by[i]);
            // Two packed values can give one text (a sector, a niveau written alike): such groups are added together.
            ref var g = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, string.Join('\u001f', keys), out var exists);
            if (!exists)
                g.Keys = (string[])keys.Clone();
            g.Population += population;
            g.Hits += hits;
            g.Sum += value;
        }
        var rows = new List<MonitorRow>(groups.Count);
        var valued = HasValue(indicator);
        foreach (var (_, (k, population, hits, sum)) in groups)
            rows.Add(new MonitorRow([.. k], population, hits, valued && hits > 0 ? sum / hits : null));
        rows.Sort(
            static (a, b) =>
            {
                for (var i = 0; i < a.Keys.Length; i++)
                {
                    var c = string.CompareOrdinal(a.Keys[i], b.Keys[i]);
                    if (c != 0)
                        return c;
                }
                return 0;
            }
        );
        return new MonitorTable(indicator, [.. by], [.. rows]);
    }

    /// <summary>True for the indicators whose observations carry a value (time to startkwalificatie); the others have no mean.</summary>
    public static bool HasValue(Indicator indicator) => indicator == Indicator.TijdTotStartkwalificatie;

    /// <summary>The text of one dimension of a cell, as a table shows it.</summary>
    public static string Key(Cell cell, Dimension dimension) =>
        dimension switch
        {
            Dimension.Route => cell.Route ?? Unknown,
            Dimension.Cohort => cell.Cohort.ToString(CultureInfo.InvariantCulture),
            Dimension.VoVestiging => cell.VoVestiging ?? Unknown,
            Dimension.MboInstelling => cell.MboInstelling ?? Unknown,
            Dimension.Leerweg => cell.Leerweg is { } lw ? JsonSpelling.Of(lw) : Unknown,
            Dimension.Sector => cell.Sector is { } d ? DutchText.Direction(d) : Unknown,
            Dimension.Niveau => cell.Niveau is { } n ? n.ToString(CultureInfo.InvariantCulture) : Unknown,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };

    /// <summary>The key of a missing value.</summary>
    public const string Unknown = "onbekend";
}

/// <summary>One indicator's breakdowns: per mask (<see cref="CubeLayout"/>) the group count and the groups of at least the publishable size.</summary>
public sealed record IndicatorBreakdowns(ImmutableArray<int> Groups, ImmutableArray<int> Publishable);

/// <summary>
/// Every breakdown's size after <see cref="MonitorCube.RollUp(int)"/>: per indicator (by its number) and mask (bit
/// <c>1 &lt;&lt; (int)dimension</c> set = broken down by that dimension) the number of groups, and how many of them have a
/// population a table may show.
/// </summary>
public sealed record CubeBreakdowns(ImmutableArray<ImmutableArray<int>> Groups, ImmutableArray<ImmutableArray<int>> Publishable)
{
    /// <summary>The breakdowns of every indicator, in <see cref="Indicator"/> order.</summary>
    public static CubeBreakdowns From(IReadOnlyList<IndicatorBreakdowns> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        return new([.. indicators.Select(i => i.Groups)], [.. indicators.Select(i => i.Publishable)]);
    }

    /// <summary>The groups of one breakdown.</summary>
    public int Of(Indicator indicator, int mask) => Groups[(int)indicator][mask];

    /// <summary>Groups over every breakdown of every indicator.</summary>
    public long Total => Groups.Sum(g => g.Sum(n => (long)n));

    /// <summary>Groups that reach the publishable population, over every breakdown of every indicator.</summary>
    public long TotalPublishable => Publishable.Sum(g => g.Sum(n => (long)n));
}

/// <summary>What a published table may show (design §5, as DUO does): counts under 5 as "&lt;5", no rate on fewer than 10 pupils.</summary>
/// <remarks>
/// 0 stays "0": an empty cell reveals no pupil. The rule is the one DUO states; it does not stop differencing (a shown rate
/// times a shown population, or two overlapping tables), which a publication must still check.
/// </remarks>
public static class Suppression
{
    /// <summary>Counts from 1 to 4 are shown as this.</summary>
    public const string Small = "<5";

    /// <summary>True for a count that may not be shown: 1 to 4 (0 reveals no pupil).</summary>
    public static bool Hides(long n) => n is > 0 and < 5;

    /// <summary>The count as shown: "&lt;5" for 1–4, else the number ("0" stays "0").</summary>
    public static string Count(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Hides(n) ? Small : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// hits / population, or null when the population is under 10 (DUO's rule) — and also when the hits are shown as
    /// "&lt;5": a rate beside its population would give the hidden count back.
    /// </summary>
    public static double? Rate(long hits, long population)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hits, population);
        return population < 10 || Hides(hits) ? null : (double)hits / population;
    }

    /// <summary>A row as shown: population and hits as counts, the rate (null when suppressed), the mean (null when the rate is).</summary>
    public static DisplayRow Display(MonitorRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var rate = Rate(row.Hits, row.Population);
        return new DisplayRow(row.Keys, Count(row.Population), Count(row.Hits), rate, rate is null ? null : row.Mean);
    }
}

/// <summary>A monitor row after suppression: counts as text, rate and mean or null.</summary>
public sealed record DisplayRow(ImmutableArray<string> Keys, string Population, string Hits, double? Rate, double? Mean);
