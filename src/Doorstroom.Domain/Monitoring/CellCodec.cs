using System.Runtime.InteropServices;

namespace Doorstroom.Domain;

/// <summary>
/// Packs a <see cref="Cell"/> into 64 bits and back, laid out as <see cref="CubeLayout"/> says: each text dimension
/// interned to a small id (0 is "none"); rolling a key up to a breakdown is one AND with <see cref="CubeLayout.Fields"/>.
/// More distinct values than a field holds (4,095 routes, 16,383 vestigingen or instellingen: the country has about 3,500
/// and 70) is a bug in the data and throws, naming the dimension. One codec per cube; not thread-safe for <see cref="Pack"/> (it interns).
/// </summary>
internal sealed class CellCodec
{
    private readonly Interner _routes,
        _vo,
        _mbo;

    public CellCodec()
    {
        _routes = new Interner();
        _vo = new Interner();
        _mbo = new Interner();
    }

    private CellCodec(CellCodec other)
    {
        _routes = other._routes.Clone();
        _vo = other._vo.Clone();
        _mbo = other._mbo.Clone();
    }

    /// <summary>A copy whose interning goes on apart from this one (the same ids for the values so far).</summary>
    public CellCodec Clone() => new(this);

    /// <summary>Packs a cell, interning new text values.</summary>
    public ulong Pack(in Cell c)
    {
        var cohort = c.Cohort - CubeLayout.CohortBase;
        if (c.Cohort != 0 && cohort is < 1 or > 255)
            throw new ArgumentOutOfRangeException(nameof(c), c.Cohort, "the monitor holds cohort years 1901 to 2155");
        return Put(Dimension.Route, _routes.Id(c.Route))
            | Put(Dimension.Cohort, c.Cohort == 0 ? 0 : (ulong)cohort)
            | Put(Dimension.VoVestiging, _vo.Id(c.VoVestiging))
            | Put(Dimension.MboInstelling, _mbo.Id(c.MboInstelling))
            | Put(Dimension.Leerweg, c.Leerweg is { } l ? (ulong)l + 1 : 0)
            | Put(Dimension.Sector, c.Sector is { } s ? (ulong)s + 1 : 0)
            | Put(Dimension.Niveau, (ulong)(c.Niveau ?? 0));
    }

    private static ulong Put(Dimension dimension, ulong value)
    {
        var width = CubeLayout.Width(dimension);
        if (value >= 1UL << width)
            throw new InvalidOperationException($"{dimension}: more distinct values than the monitor cube's {width} bits hold");
        return value << CubeLayout.Shift(dimension);
    }

    /// <summary>The cell of a key; dimensions rolled up (or absent) are null, a rolled-up cohort 0.</summary>
    public Cell Unpack(ulong key)
    {
        var cohort = Get(key, Dimension.Cohort);
        return new Cell(
            _routes.Value(Get(key, Dimension.Route)),
            cohort == 0 ? 0 : cohort + CubeLayout.CohortBase,
            _vo.Value(Get(key, Dimension.VoVestiging)),
            _mbo.Value(Get(key, Dimension.MboInstelling)),
            Get(key, Dimension.Leerweg) is var l and > 0 ? (Leerweg)(l - 1) : null,
            Get(key, Dimension.Sector) is var s and > 0 ? (Direction)(s - 1) : null,
            Get(key, Dimension.Niveau) is var n and > 0 ? n : null
        );
    }

    private static int Get(ulong key, Dimension dimension) => (int)((key >> CubeLayout.Shift(dimension)) & ((1UL << CubeLayout.Width(dimension)) - 1));

    /// <summary>Strings to small ids; 0 is null. The last value is remembered by reference: a pupil's observations share their strings.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> _ids;
        private readonly List<string?> _values;
        private string? _last;
        private ulong _lastId;

        public Interner()
        {
            _ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _values = [null];
        }

        private Interner(Interner other)
        {
            _ids = new Dictionary<string, int>(other._ids, StringComparer.Ordinal);
            _values = [.. other._values];
        }

        public Interner Clone() => new(this);

        public ulong Id(string? value)
        {
            if (value is null)
                return 0;
            if (ReferenceEquals(value, _last))
                return _lastId;
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
            if (!exists)
            {
                id = _values.Count;
                _values.Add(value);
            }
            (_last, _lastId) = (value, (ulong)id);
            return (ulong)id;
        }

        public string? Value(int id) => _values[id];
    }
}
