namespace Doorstroom.Bench;

/// <summary>
/// A compact hash table from a packed cell key to its counts, for the cube's many large breakdowns: open addressing with
/// linear probing over parallel arrays (key 8 bytes, population and hits 4 each; values only once one is non-zero), about
/// half the memory of a <c>Dictionary&lt;ulong, Counts&gt;</c>. A group whose population falls to zero stays as a slot but
/// is no longer counted or listed.
/// </summary>
internal sealed class GroupTable
{
    private const ulong Empty = ulong.MaxValue;
    private ulong[] _keys;
    private int[] _population, _hits;
    private double[]? _values;
    private int _used, _shift;

    public GroupTable(int capacity = 16)
    {
        var size = SizeFor(capacity);
        _keys = new ulong[size];
        Array.Fill(_keys, Empty);
        _population = new int[size];
        _hits = new int[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    /// <summary>Empties the table for at most <paramref name="capacity"/> groups, reusing its arrays unless they are far too small or too large.</summary>
    public void Reset(int capacity)
    {
        var size = SizeFor(capacity);
        if (_keys.Length < size || _keys.Length > 4 * size)
        {
            _keys = new ulong[size];
            _population = new int[size];
            _hits = new int[size];
            _values = null;
        }
        else
        {
            Array.Clear(_population);
            Array.Clear(_hits);
            if (_values is not null) Array.Clear(_values);
        }
        Array.Fill(_keys, Empty);
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)_keys.Length);
        _used = 0;
        Count = 0;
    }

    private static int SizeFor(int capacity) =>
        (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1) * 5 / 4 + 1));

    /// <summary>Groups with a non-zero population.</summary>
    public int Count { get; private set; }

    /// <summary>Adds counts to a group (negative to take them out).</summary>
    public void Add(ulong key, int population, int hits, double value)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(key, Empty);
        if ((_used + 1) * 5 > _keys.Length * 4) Grow();
        var mask = _keys.Length - 1;
        var i = Slot(key);
        while (_keys[i] != key && _keys[i] != Empty) i = (i + 1) & mask;
        if (_keys[i] == Empty)
        {
            _keys[i] = key;
            _used++;
        }
        var before = _population[i];
        _population[i] = before + population;
        _hits[i] += hits;
        if (value != 0) (_values ??= new double[_keys.Length])[i] += value;
        if (before == 0 && _population[i] != 0) Count++;
        else if (before != 0 && _population[i] == 0) Count--;
    }

    /// <summary>The home slot: the splitmix64 finaliser, since cell keys are structured (fields at fixed bits) and linear probing clusters on a weak hash.</summary>
    private int Slot(ulong key)
    {
        key ^= key >> 30;
        key *= 0xBF58476D1CE4E5B9UL;
        key ^= key >> 27;
        key *= 0x94D049BB133111EBUL;
        key ^= key >> 31;
        return (int)(key >> _shift);
    }

    /// <summary>The live groups.</summary>
    public IEnumerable<(ulong Key, Counts Counts)> Groups()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != Empty && _population[i] != 0)
                yield return (_keys[i], new Counts(_population[i], _hits[i], _values?[i] ?? 0));
        }
    }

    /// <summary>Adds every live group of this table, its key projected by <paramref name="fields"/>, into <paramref name="into"/>.</summary>
    public void RollInto(GroupTable into, ulong fields)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != Empty && _population[i] != 0) into.Add(_keys[i] & fields, _population[i], _hits[i], _values?[i] ?? 0);
        }
    }

    /// <summary>Bytes held by the arrays.</summary>
    public long Bytes => _keys.Length * 16L + (_values?.Length ?? 0) * 8L;

    private void Grow()
    {
        var (keys, population, hits, values) = (_keys, _population, _hits, _values);
        var size = keys.Length * 2;
        _keys = new ulong[size];
        Array.Fill(_keys, Empty);
        _population = new int[size];
        _hits = new int[size];
        _values = values is null ? null : new double[size];
        _shift--;
        _used = 0;
        Count = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != Empty && population[i] != 0) Add(keys[i], population[i], hits[i], values?[i] ?? 0);
        }
    }
}
