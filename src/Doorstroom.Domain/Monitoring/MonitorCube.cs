using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>One row of a monitor table: the keys of the requested dimensions, the population, the hits and the mean value of the hits (time to SK; null for
/// other indicators and without hits).</summary>
public sealed record MonitorRow(ImmutableArray<string> Keys, long Population, long Hits, double? Mean);

/// <summary>An indicator rolled up to some dimensions; rows sorted by their keys.</summary>
public sealed record MonitorTable(Indicator Indicator, ImmutableArray<Dimension> By, ImmutableArray<MonitorRow> Rows);

/// <summary>
/// Accumulates observations per (indicator, cell): population, hits and the sum of the hits' values. Observations can be taken
/// out again (<see cref="Subtract"/>), so after a day of new events a pupil's old observations are subtracted and the new
/// ones added. Not thread-safe: one cube per writer, or merge cubes with <see cref="AddAll"/>.
/// </summary>
public sealed class MonitorCube : IObservationSink
{
    private readonly Dictionary<(Indicator, Cell), Totals> cells = new(KeyComparer.Instance);

    private struct Totals
    {
        public long Population;
        public long Hits;
        public double Sum;
    }

    /// <summary>
    /// Equality and hash of (indicator, cell) without the general record machinery: the strings are short codes, usually the
    /// same instances, so a reference check comes first and the hash is a plain FNV over their characters.
    /// </summary>
    private sealed class KeyComparer : IEqualityComparer<(Indicator, Cell)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((Indicator, Cell) x, (Indicator, Cell) y)
        {
            ref readonly var a = ref x.Item2;
            ref readonly var b = ref y.Item2;
            return x.Item1 == y.Item1
                && a.Cohort == b.Cohort
                && a.Niveau == b.Niveau
                && a.Sector == b.Sector
                && a.Leerweg == b.Leerweg
                && Same(a.MboInstelling, b.MboInstelling)
                && Same(a.VoVestiging, b.VoVestiging)
                && Same(a.Route, b.Route);
        }

        private static bool Same(string? a, string? b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

        public int GetHashCode((Indicator, Cell) key)
        {
            ref readonly var c = ref key.Item2;
            var h = 2166136261u;
            h = (h ^ (uint)key.Item1) * 16777619u;
            h = (h ^ (uint)c.Cohort) * 16777619u;
            h = (h ^ (uint)(c.Niveau ?? -1)) * 16777619u;
            h = (h ^ (uint)(c.Sector is { } d ? (int)d : -1)) * 16777619u;
            h = (h ^ (uint)(c.Leerweg is { } l ? (int)l : -1)) * 16777619u;
            h = Fnv(h, c.MboInstelling);
            h = Fnv(h, c.VoVestiging);
            h = Fnv(h, c.Route);
            return (int)h;
        }

        private static uint Fnv(uint h, string? s)
        {
            if (s is null)
                return (h ^ 0xFFFFu) * 16777619u;
            foreach (var ch in s)
                h = (h ^ ch) * 16777619u;
            return (h ^ 0x1Fu) * 16777619u;
        }
    }

    /// <summary>The number of (indicator, cell) pairs with a non-zero population.</summary>
    public int Count => cells.Count;

    /// <summary>Counts one observation.</summary>
    public void Add(in Observation observation) => Add(observation, 1);

    /// <summary>Takes one earlier-added observation out again.</summary>
    public void Subtract(in Observation observation) => Add(observation, -1);

    /// <summary>Counts an observation <paramref name="weight"/> times (negative to take it out); a cell whose population reaches 0 is dropped.</summary>
    public void Add(in Observation observation, long weight)
    {
        var key = (observation.Indicator, observation.Cell);
        ref var totals = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(cells, key, out _);
        totals.Population += weight;
        if (observation.Hit)
        {
            totals.Hits += weight;
            totals.Sum += weight * observation.Value;
        }
        if (totals.Population == 0)
            cells.Remove(key);
    }

    /// <summary>Adds every cell of another cube (e.g. one filled on another thread).</summary>
    public void AddAll(MonitorCube other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, o) in other.cells)
        {
            ref var totals = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(cells, key, out _);
            totals.Population += o.Population;
            totals.Hits += o.Hits;
            totals.Sum += o.Sum;
            if (totals.Population == 0)
                cells.Remove(key);
        }
    }

    /// <summary>
    /// Rolls the indicator up to the dimensions <paramref name="by"/> (in that order; none gives one total row), over the cells
    /// <paramref name="where"/> accepts. Keys are text: route id, cohort year, BRIN, leerweg in lower case, sector name, niveau;
    /// a missing value is "onbekend".
    /// </summary>
    public MonitorTable Table(Indicator indicator, IReadOnlyList<Dimension> by, Func<Cell, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        var groups = new Dictionary<string, (string[] Keys, Totals Totals)>(StringComparer.Ordinal);
        var keys = new string[by.Count];
        foreach (var ((ind, cell), totals) in cells)
        {
            if (ind != indicator || (where is not null && !where(cell)))
                continue;
            for (var i = 0; i < keys.Length; i++)
                keys[i] = Key(cell, by[i]);
            var joined = string.Join('\u001f', keys);
            ref var g = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, joined, out var exists);
            if (!exists)
                g.Keys = (string[])keys.Clone();
            g.Totals.Population += totals.Population;
            g.Totals.Hits += totals.Hits;
            g.Totals.Sum += totals.Sum;
        }
        var rows = new List<MonitorRow>(groups.Count);
        var valued = HasValue(indicator);
        foreach (var (_, (k, totals)) in groups)
            rows.Add(new MonitorRow([.. k], totals.Population, totals.Hits, valued && totals.Hits > 0 ? totals.Sum / totals.Hits : null));
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
