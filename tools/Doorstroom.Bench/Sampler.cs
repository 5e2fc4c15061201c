using System.Diagnostics;

namespace Doorstroom.Bench;

/// <summary>Samples the working set (native memory included) and the GC heap every 50 ms and keeps the peaks.</summary>
internal sealed class Sampler : IDisposable
{
    private readonly Timer _timer;
    private long _workingSet,
        _heap;

    public Sampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

    public long PeakWorkingSet
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _workingSet);
        }
    }

    public long PeakHeap
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _heap);
        }
    }

    private void Sample()
    {
        Raise(ref _workingSet, Environment.WorkingSet);
        Raise(ref _heap, GC.GetGCMemoryInfo().HeapSizeBytes);
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
    }

    /// <summary>The process's peak working set so far (the kernel's high-water mark).</summary>
    public static long ProcessPeak()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    public void Dispose() => _timer.Dispose();
}
