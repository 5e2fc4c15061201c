using System.Diagnostics;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Spectre.Console;

namespace Doorstroom.Bench;

/// <summary>
/// `doorstroom-bench plan`: plans generated pupils on one core (pinned with taskset, <see cref="CorePinning"/>). The headline
/// is plan + JSON — the planner and <see cref="PlanJson.Utf8"/>, the very call with which POST /api/v1/plan answers — with
/// the plan alone and the baseline "routes only" (eligibility of the routes, no pathways) beside it in the same run. Per
/// figure: plans/s, p50/p99/p99.9/max per plan, bytes allocated per plan and the GC's collections and pauses during the run.
/// Figures, never assertions: the targets of issue 18 are printed as met or NOT met.
/// </summary>
internal static class PlanBench
{
    /// <summary>Issue 18: plan + JSON on one core.</summary>
    private const double TargetPerSecond = 30_000,
        TargetP999Ms = 1;

    /// <summary>The collections and pauses of the GC while one measure ran.</summary>
    internal sealed record GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan TotalPause, TimeSpan MaxPause)
    {
        public int Collections => Gen0 + Gen1 + Gen2;
    }

    internal sealed record Figures(string Name, int Count, double Seconds, double[] Micro, double BytesPerItem, double OutputPerItem, GcFigures Gc)
    {
        public double PerSecond => Count / Seconds;

        public double P50 => Micro[0];

        public double P99 => Micro[1];

        public double P999 => Micro[2];

        public double Max => Micro[3];
    }

    public static void Plan(RouteCatalogue catalogue, int count, int seed, string pinning)
    {
        var pupils = PupilGenerator.Generate(count, seed);
        var planner = new Planner(catalogue);

        var pathways = 0L;
        int RoutesOnly(Situation s) => planner.Routes(s).Length * 0;
        int Plan(Situation s)
        {
            var plan = planner.Plan(s);
            pathways += plan.Pathways.Length;
            return 0;
        }
        int PlanJsonToo(Situation s) => PlanJson.Utf8(planner.Plan(s)).Length;

        // Warm up every path (JIT, tiered compilation with its profile) before measuring.
        for (var round = 0; round < 3; round++)
        {
            foreach (var s in pupils.AsSpan(0, Math.Min(20_000, pupils.Length)))
            {
                RoutesOnly(s);
                Plan(s);
                PlanJsonToo(s);
            }
        }

        var baseline = Measure("routes only (baseline)", pupils, RoutesOnly);
        pathways = 0;
        var plan = Measure("plan", pupils, Plan);
        var json = Measure("plan + JSON (the API's answer)", pupils, PlanJsonToo);

        var gcMode = System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC";
        Console.WriteLine(
            $"doorstroom-bench plan — {count:N0} generated pupils (seed {seed}), catalogue {catalogue.Version}, .NET {Environment.Version}, "
                + $"{gcMode}, {Environment.ProcessorCount} core(s) visible"
        );
        Console.WriteLine($"pinning: {pinning}");
        Console.WriteLine(
            $"pathways found: {pathways:N0} ({(double)pathways / count:F1} per pupil); plan JSON as served: {json.OutputPerItem:N0} bytes per plan "
                + "(PlanJson.Utf8, compact)"
        );
        var table = new Table()
            .AddColumn("measure")
            .AddColumn(new TableColumn("plans/s").RightAligned())
            .AddColumn(new TableColumn("p50 µs").RightAligned())
            .AddColumn(new TableColumn("p99 µs").RightAligned())
            .AddColumn(new TableColumn("p99.9 µs").RightAligned())
            .AddColumn(new TableColumn("max µs").RightAligned())
            .AddColumn(new TableColumn("alloc B/plan").RightAligned())
            .AddColumn(new TableColumn("GCs 0/1/2").RightAligned())
            .AddColumn(new TableColumn("GC pause total ms").RightAligned())
            .AddColumn(new TableColumn("GC pause max ms").RightAligned())
            .AddColumn(new TableColumn("time × baseline").RightAligned());
        foreach (var f in new[] { json, plan, baseline })
        {
            table.AddRow(
                Markup.Escape(f.Name),
                N0(f.PerSecond),
                F1(f.P50),
                F1(f.P99),
                F1(f.P999),
                F1(f.Max),
                N0(f.BytesPerItem),
                $"{f.Gc.Gen0}/{f.Gc.Gen1}/{f.Gc.Gen2}",
                F2(f.Gc.TotalPause.TotalMilliseconds),
                F2(f.Gc.MaxPause.TotalMilliseconds),
                F2(baseline.PerSecond / f.PerSecond)
            );
        }
        // A log file or pipe gets the whole table, not one squeezed into 80 columns.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        AnsiConsole.Write(table);
        Console.WriteLine(new Target("plan + JSON on one core", json.PerSecond, TargetPerSecond, HigherIsBetter: true, "plans/s").Line());
        Console.WriteLine(new Target("plan + JSON p99.9 per plan", json.P999 / 1000, TargetP999Ms, HigherIsBetter: false, "ms").Line());
    }

    /// <summary>
    /// Runs <paramref name="work"/> once per pupil, timing each call, and counts the GC's collections and pauses meanwhile: the
    /// longest pause is read after every call during which a collection happened (outside the timed span).
    /// </summary>
    internal static Figures Measure(string name, Situation[] pupils, Func<Situation, int> work)
    {
        var ticks = new long[pupils.Length];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var paused = GC.GetTotalPauseDuration();
        var seen = gen0;
        var lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        var maxPause = TimeSpan.Zero;
        var output = 0L;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < pupils.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            output += work(pupils[i]);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
            // Every collection counts in gen 0's count; when one happened, read its pauses (a background gen 2 has two).
            if (GC.CollectionCount(0) != seen)
            {
                seen = GC.CollectionCount(0);
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                if (info.Index != lastIndex)
                {
                    lastIndex = info.Index;
                    foreach (var pause in info.PauseDurations)
                        maxPause = pause > maxPause ? pause : maxPause;
                }
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var gc = new GcFigures(
            GC.CollectionCount(0) - gen0 - (GC.CollectionCount(1) - gen1),
            GC.CollectionCount(1) - gen1 - (GC.CollectionCount(2) - gen2),
            GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - paused,
            maxPause
        );
        Array.Sort(ticks);
        double Micro(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        return new Figures(
            name,
            pupils.Length,
            elapsed,
            [Micro(0.50), Micro(0.99), Micro(0.999), Micro(1)],
            (double)bytes / pupils.Length,
            (double)output / pupils.Length,
            gc
        );
    }

    private static string N0(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
