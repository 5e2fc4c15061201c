using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Spectre.Console;

namespace Doorstroom.Bench;

/// <summary>
/// `doorstroom-bench plan`: plans generated pupils on one core and prints throughput, latency percentiles and
/// allocation per plan, with ratios against the baseline "routes only" (eligibility of the 13 routes, no pathways)
/// measured in the same run. Figures, never assertions: machines here are noisy.
/// </summary>
internal static class PlanBench
{
    private sealed record Figures(string Name, int Count, double Seconds, double P50Micro, double P99Micro, double BytesPerItem)
    {
        public double PerSecond => Count / Seconds;
    }

    public static void Plan(RouteCatalogue catalogue, int count, int seed)
    {
        var pinned = PinToOneCore();
        var pupils = PupilGenerator.Generate(count, seed);
        var planner = new Planner(catalogue);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, PlanJson.Options(indented: false));

        var pathways = 0L;
        void RoutesOnly(Situation s) => planner.Routes(s);
        void Plan(Situation s) => pathways += planner.Plan(s).Pathways.Length;
        void PlanJsonToo(Situation s)
        {
            PlanJson.Write(writer, planner.Plan(s));
            writer.Flush();
            writer.Reset();
            buffer.ResetWrittenCount();
        }

        // Warm up every path (JIT, tiered compilation) before measuring.
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
        var json = Measure("plan + JSON", pupils, PlanJsonToo);

        AnsiConsole.MarkupLine(
            $"doorstroom-bench plan — {count:N0} generated pupils (seed {seed}), catalogue {Markup.Escape(catalogue.Version)}, "
                + $"{(pinned ? "pinned to one core" : "one thread (affinity not set)")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"
        );
        AnsiConsole.MarkupLine($"pathways found: {pathways:N0} ({(double)pathways / count:F1} per pupil)");
        var table = new Table().Border(TableBorder.Rounded);
        table
            .AddColumn("measure")
            .AddColumn(new TableColumn("per second").RightAligned())
            .AddColumn(new TableColumn("p50 µs").RightAligned())
            .AddColumn(new TableColumn("p99 µs").RightAligned())
            .AddColumn(new TableColumn("bytes/item").RightAligned())
            .AddColumn(new TableColumn("time × baseline").RightAligned());
        foreach (var f in new[] { baseline, plan, json })
        {
            table.AddRow(
                f.Name,
                f.PerSecond.ToString("N0"),
                f.P50Micro.ToString("F1"),
                f.P99Micro.ToString("F1"),
                f.BytesPerItem.ToString("N0"),
                (baseline.PerSecond / f.PerSecond).ToString("F2")
            );
        }
        AnsiConsole.Write(table);
        var meets = plan.PerSecond >= 20_000 && plan.P99Micro <= 1000;
        AnsiConsole.MarkupLine(
            $"target (issue #2): ≥ 20,000 plans/s on one core and p99 ≤ 1 ms → {(meets ? "[green]met[/]" : "[red]not met[/]")} "
                + $"({plan.PerSecond:N0} plans/s, p99 {plan.P99Micro:F1} µs)"
        );
    }

    private static Figures Measure(string name, Situation[] pupils, Action<Situation> work)
    {
        var ticks = new long[pupils.Length];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < pupils.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            work(pupils[i]);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(ticks);
        double Micro(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        return new Figures(name, pupils.Length, elapsed, Micro(0.50), Micro(0.99), (double)bytes / pupils.Length);
    }

    private static bool PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
            return false;
        try
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
            return true;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
