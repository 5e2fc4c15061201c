namespace Doorstroom.Domain;

/// <summary>
/// A hash table from a packed cell key (<see cref="CellCodec"/>) to its counts, for the monitor cube's base and its large breakdowns: open addressing with
/// linear probing over one array of slots (key 8 bytes, population and hits 4 each, side by side so that an update touches
/// one cache line; values in a parallel array only once one is non-zero), about half the memory of a
/// <c>Dictionary&lt;ulong, Counts&gt;</c>. A group whose population falls to zero stays as a slot but
/// is no longer counted or listed.
/// </summary>
internal sealed class GroupTable
{
    private const ulong Empty = ulong.MaxValue;
    private Slot[] _slots;
    private double[]? _values;

    private struct Slot
    {
        public ulong Key;
        public int Population,
            Hits;
    }

    private int _used,
        _shift;

    public GroupTable(int capacity = 16)
    {
        var size = SizeFor(capacity);
        _slots = NewSlots(size);
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    private static Slot[] NewSlots(int size)
    {
        var slots = new Slot[size];
        Array.Fill(slots, new Slot { Key = Empty });
        return slots;
    }

    /// <summary>Empties the table for at most <paramref name="capacity"/> groups, reusing its arrays unless they are far too small or too large.</summary>
    public void Reset(int capacity)
    {
        var size = SizeFor(capacity);
        if (_slots.Length < size || _slots.Length > 4 * size)
        {
            _slots = NewSlots(size);
            _values = null;
        }
        else
        {
            Array.Fill(_slots, new Slot { Key = Empty });
            if (_values is not null)
                Array.Clear(_values);
        }
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)_slots.Length);
        _used = 0;
        Count = 0;
    }

    private static int SizeFor(int capacity) => (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1) * 5 / 4 + 1));

    /// <summary>Groups with a non-zero population.</summary>
    public int Count { get; private set; }

    /// <summary>Adds counts to a group (negative to take them out).</summary>
    public void Add(ulong key, int population, int hits, double value)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(key, Empty);
        if ((_used + 1) * 5 > _slots.Length * 4)
            Grow();
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(key);
        while (slots[i].Key != key && slots[i].Key != Empty)
            i = (i + 1) & mask;
        ref var slot = ref slots[i];
        if (slot.Key == Empty)
        {
            slot.Key = key;
            _used++;
        }
        var before = slot.Population;
        slot.Population = before + population;
        slot.Hits += hits;
        if (value != 0)
            (_values ??= new double[slots.Length])[i] += value;
        if (before == 0 && slot.Population != 0)
            Count++;
        else if (before != 0 && slot.Population == 0)
            Count--;
    }

    /// <summary>The home slot: the splitmix64 finaliser, since cell keys are structured (fields at fixed bits) and linear probing clusters on a weak
    /// hash.</summary>
    private int Home(ulong key)
    {
        key ^= key >> 30;
        key *= 0xBF58476D1CE4E5B9UL;
        key ^= key >> 27;
        key *= 0x94D049BB133111EBUL;
        key ^= key >> 31;
        return (int)(key >> _shift);
    }

    /// <summary>The number of slots: walk them with <see cref="Live"/> (no iterator: the Domain uses no thread id).</summary>
    public int Slots => _slots.Length;

    /// <summary>True when slot <paramref name="i"/> holds a live group: its key, population, hits and the sum of the hits' values.</summary>
    public bool Live(int i, out ulong key, out int population, out int hits, out double value)
    {
        ref readonly var slot = ref _slots[i];
        key = slot.Key;
        population = slot.Population;
        hits = slot.Hits;
        value = _values?[i] ?? 0;
        return slot.Key != Empty && slot.Population != 0;
    }

    /// <summary>The live groups whose population is at least <paramref name="population"/>.</summary>
    public int CountAtLeast(int population)
    {
        var n = 0;
        foreach (ref readonly var slot in _slots.AsSpan())
        {
            if (slot.Key != Empty && slot.Population >= population)
                n++;
        }
        return n;
    }

    /// <summary>A copy that changes apart from this table.</summary>
    public GroupTable Clone() => new(this);

    private GroupTable(GroupTable other)
    {
        _slots = (Slot[])other._slots.Clone();
        _values = (double[]?)other._values?.Clone();
        _used = other._used;
        _shift = other._shift;
        Count = other.Count;
    }

    /// <summary>Adds every live group of this table, its key projected by <paramref name="fields"/>, into <paramref name="into"/>.</summary>
    public void RollInto(GroupTable into, ulong fields)
    {
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Key != Empty && slot.Population != 0)
                into.Add(slot.Key & fields, slot.Population, slot.Hits, _values?[i] ?? 0);
        }
    }

    /// <summary>Bytes held by the arrays.</summary>
    public long Bytes => _slots.Length * 16L + (_values?.Length ?? 0) * 8L;

    private void Grow()
    {
        var (slots, values) = (_slots, _values);
        var size = slots.Length * 2;
        _slots = NewSlots(size);
        _values = values is null ? null : new double[size];
        _shift--;
        _used = 0;
        Count = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].Key != Empty && slots[i].Population != 0)
                Add(slots[i].Key, slots[i].Population, slots[i].Hits, values?[i] ?? 0);
        }
    }
}
