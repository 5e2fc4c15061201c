using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>One observation as the bench cube stores it: the packed cell key, the indicator, the hit bit and the value (24 bytes).</summary>
internal readonly record struct PackedObservation(ulong Key, double Value, byte Indicator, bool Hit);

/// <summary>
/// Every pupil's observations from the full run, packed (<see cref="PackedObservation"/>), in one segmented array with
/// per-pupil start, count and capacity, indexed by the pupil's ordinal (its position in the event file). Recomputing a
/// pupil then needs only the new stream observed: the cached observations are the old ones. A pupil whose new
/// observations outgrow its slot is moved to the end. Segments of 2^20 observations (24 MiB), so growing never copies.
/// </summary>
internal sealed class ObservationCache
{
    private const int SegmentBits = 20;
    private const int SegmentSize = 1 << SegmentBits;
    private readonly List<PackedObservation[]> _segments = [];
    private long _length;
    private long[] _start = new long[1024];
    private int[] _count = new int[1024],
        _capacity = new int[1024];

    /// <summary>Pupils recorded so far.</summary>
    public int Pupils { get; private set; }

    /// <summary>Observations held (live or slack).</summary>
    public long Length => _length;

    /// <summary>Bytes held by the arrays.</summary>
    public long Bytes => _segments.Count * (long)SegmentSize * 24 + _start.Length * 16L;

    /// <summary>Appends one observation of the pupil being recorded (ordinal <see cref="Pupils"/>).</summary>
    public void Append(in PackedObservation observation)
    {
        Push(observation);
        _count[Pupils]++;
    }

    /// <summary>Starts the next pupil; returns its ordinal.</summary>
    public int BeginPupil()
    {
        if (Pupils == _start.Length)
        {
            Array.Resize(ref _start, _start.Length * 2);
            Array.Resize(ref _count, _count.Length * 2);
            Array.Resize(ref _capacity, _capacity.Length * 2);
        }
        _start[Pupils] = _length;
        _count[Pupils] = 0;
        return Pupils;
    }

    /// <summary>Ends the pupil begun last.</summary>
    public void EndPupil()
    {
        _capacity[Pupils] = _count[Pupils];
        Pupils++;
    }

    /// <summary>The number of cached observations of a pupil.</summary>
    public int Count(int pupil) => _count[pupil];

    /// <summary>One cached observation of a pupil (safe from many threads while nothing is <see cref="Set"/>).</summary>
    public ref readonly PackedObservation this[int pupil, int index]
    {
        get
        {
            var at = _start[pupil] + index;
            return ref _segments[(int)(at >> SegmentBits)][at & (SegmentSize - 1)];
        }
    }

    /// <summary>
    /// Replaces a pupil's cached observations when they fit its slot: only that pupil's slot is written, so chunks of
    /// distinct pupils may do this at once; false (nothing written) when they do not fit, for <see cref="Set"/>.
    /// </summary>
    public bool TrySetInPlace(int pupil, ReadOnlySpan<PackedObservation> observations)
    {
        if (observations.Length > _capacity[pupil])
            return false;
        for (var i = 0; i < observations.Length; i++)
        {
            var at = _start[pupil] + i;
            _segments[(int)(at >> SegmentBits)][at & (SegmentSize - 1)] = observations[i];
        }
        _count[pupil] = observations.Length;
        return true;
    }

    /// <summary>Replaces a pupil's cached observations (one thread).</summary>
    public void Set(int pupil, ReadOnlySpan<PackedObservation> observations)
    {
        if (observations.Length > _capacity[pupil])
        {
            _start[pupil] = _length;
            _capacity[pupil] = observations.Length;
            foreach (var o in observations)
                Push(o);
        }
        else
        {
            for (var i = 0; i < observations.Length; i++)
            {
                var at = _start[pupil] + i;
                _segments[(int)(at >> SegmentBits)][at & (SegmentSize - 1)] = observations[i];
            }
        }
        _count[pupil] = observations.Length;
    }

    private void Push(in PackedObservation observation)
    {
        if ((_length & (SegmentSize - 1)) == 0 && (_length >> SegmentBits) == _segments.Count)
            _segments.Add(new PackedObservation[SegmentSize]);
        _segments[(int)(_length >> SegmentBits)][_length & (SegmentSize - 1)] = observation;
        _length++;
    }
}

/// <summary>A net change to one group of the base table: population and hits ±1 or 0, and the value's change.</summary>
internal readonly record struct CubeDelta(ulong Key, double Value, byte Indicator, sbyte Population, sbyte Hits);

/// <summary>
/// One thread's packer: the cube's read-only <see cref="BenchCube.TryPack"/>, with the last string of each interned
/// dimension remembered by reference (a pupil's observations mostly share their route, school and institution strings).
/// </summary>
internal sealed class Packer(BenchCube cube)
{
    private readonly BenchCube.Memo _memo = new();

    public bool TryPack(in Cell cell, out ulong key) => cube.TryPack(cell, _memo, out key);
}

/// <summary>Packs each observation once, adds it to the bench cube's base and records it in the cache for the pupil being observed.</summary>
internal sealed class CachingSink(BenchCube cube, ObservationCache cache) : IObservationSink
{
    public void Add(in Observation observation)
    {
        var packed = new PackedObservation(cube.Pack(observation.Cell), observation.Value, (byte)observation.Indicator, observation.Hit);
        cube.Apply(packed, 1);
        cache.Append(packed);
    }
}
