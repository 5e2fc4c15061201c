using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Doorstroom.Bench;

/// <summary>Samples the working set (native memory included) and the GC heap every 50 ms and keeps the peaks.</summary>
internal sealed class Sampler : IDisposable
{
    private readonly Timer _timer;
    private long _workingSet,
        _heap;

    private Sampler()
    {
        StartWorkingSet = _workingSet = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, 0, 50);
    }

    /// <summary>
    /// A sampler for one engine's run, started once what came before (an untimed set-up, another engine's run) has been handed
    /// back (<see cref="Settle"/>): every engine begins as a fresh process would, and its peak is its own.
    /// </summary>
    public static Sampler AfterSettling()
    {
        Settle();
        return new Sampler();
    }

    /// <summary>The working set when sampling began: the runtime and the loaded libraries, part of every peak but no run's own.</summary>
    public long StartWorkingSet { get; }

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

    /// <summary>
    /// Hands back what an untimed stage before a measurement left behind, so that the measurement starts as a fresh process
    /// would: pooled SQLite connections closed (a loader's page cache with them), the managed heap collected and compacted
    /// (the large-object heap included), and on Linux glibc's free memory returned to the kernel (<c>malloc_trim</c>).
    /// </summary>
    private static void Settle()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        // Aggressive: the GC also decommits the freed regions now, where it would otherwise give them back a step at a time.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (DllNotFoundException) { } // not glibc (musl): nothing to trim
            catch (EntryPointNotFoundException) { }
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public void Dispose() => _timer.Dispose();
}
