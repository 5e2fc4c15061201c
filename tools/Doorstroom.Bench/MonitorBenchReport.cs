using System.Globalization;
using System.Text;
using Doorstroom.Storage;

namespace Doorstroom.Bench;

/// <summary>The plain-text report of a <see cref="MonitorBenchResult"/>, for the CLI and for the record.</summary>
public static class MonitorBenchReport
{
    /// <summary>The report: figures, the recomputation, the honesty check and the notes.</summary>
    public static string Format(MonitorBenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = new StringBuilder();
        // The process runs with invariant globalization (Directory.Build.props), so interpolation is culture-free here.
        void Line(string text) => s.Append(text).Append('\n');
        static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

        Line(
            $"events {result.Events:N0}, pupils {result.Pupils:N0}, CSV {Mib(result.CsvBytes)}, simulated in {result.Generation.TotalSeconds:F1} s; data "
                + $"through {result.Through:yyyy-MM-dd}"
        );
        foreach (var run in new[] { result.Ours, result.SameAlgorithm, result.Dashboard, result.DuckDb }.OfType<EngineRun>())
        {
            Line(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "{0,-30} {1,8:F2} s  observations {2:N0}  groups {3:N0}  peak working set {4} (began at {5})  peak GC heap {6}",
                    run.Engine,
                    run.Elapsed.TotalSeconds,
                    run.Observations,
                    run.Groups,
                    Mib(run.PeakWorkingSetBytes),
                    Mib(run.StartWorkingSetBytes),
                    Mib(run.PeakManagedHeapBytes)
                )
            );
            Line(
                "        "
                    + string.Join(" · ", run.Stages.Select(st => string.Create(CultureInfo.InvariantCulture, $"{st.Stage} {st.Elapsed.TotalSeconds:F2} s")))
            );
        }
        const double gib = 1L << 30;
        static string Ratio(double? r) => r is { } q ? string.Create(CultureInfo.InvariantCulture, $"{q:F2}×") : "not measured";
        if (result.Ratio is { } fair)
            Line(new Target("monitor from the store ÷ DuckDB same algorithm (the fair baseline)", fair, 0.25, HigherIsBetter: false, "×").Line());
        else
            Line("target monitor from the store ÷ DuckDB same algorithm (the fair baseline) (≤ 0.25 ×): not measured (DuckDB skipped)");
        Line(
            $"ratio ours ÷ DuckDB dashboard (5 breakdowns per indicator) {Ratio(result.DashboardRatio)}; ours ÷ DuckDB GROUP BY CUBE "
                + $"{Ratio(result.CubeRatio)}; the process's peak{(result.SameAlgorithm is null ? "" : ", DuckDB included")}: {Mib(result.PeakWorkingSetBytes)}"
        );
        Line(
            $"groups with ≥ 5 pupils (a table may show them): ours {result.OursPublishable:N0}"
                + (result.SameAlgorithm is null ? "" : $", DuckDB same algorithm {result.SameAlgorithmPublishable:N0}")
                + (result.SameAlgorithm is not null && result.OursPublishable != result.SameAlgorithmPublishable ? "   DIFFERS" : "")
        );
        Line(new Target("ours' peak working set", result.Ours.PeakWorkingSetBytes / gib, 2, HigherIsBetter: false, "GiB").Line());
        foreach (var r in result.Recomputations)
        {
            var kind = r.Kind == RefreshKind.Full ? "full" : "incremental";
            Line(
                $"append {r.Day:yyyy-MM-dd}: {r.Events:N0} events, {r.Pupils:N0} pupils; the engine's refresh ({kind}, {r.PupilsRead:N0} pupils read from "
                    + $"the store) {r.Refresh.TotalSeconds:F3} s; headline tables {r.Headline.TotalSeconds:F3} s more; all 128 breakdowns "
                    + $"{r.AllBreakdowns.TotalSeconds:F3} s (separately); equals a full computation: {(r.MatchesFullRun ? "yes" : "NO")}"
            );
            Line(
                new Target(
                    $"recompute after {r.Day:yyyy-MM-dd} (refresh from the store and headline tables)",
                    (r.Refresh + r.Headline).TotalSeconds,
                    1,
                    HigherIsBetter: false,
                    "s"
                ).Line()
            );
        }
        // Without DuckDB (--no-duckdb) there is nothing to compare: ours' figures alone, no DuckDB column and no "DIFFERS".
        var compared = result.SameAlgorithm is not null || result.Dashboard is not null || result.DuckDb is not null;
        foreach (var (indicator, (ours, duck)) in result.BreakdownsPerIndicator.OrderBy(p => p.Key))
            Line(compared ? $"breakdowns {indicator}: ours {ours}, DuckDB {duck}" : $"breakdowns {indicator}: ours {ours}");
        if (compared)
            Line($"breakdowns whose group counts differ between ours and DuckDB (same algorithm, dashboard, CUBE): {result.BreakdownsDiffering}");
        Line(compared ? "honesty check (population / hits / rate):" : "ours' headline figures (population / hits / rate; DuckDB skipped, nothing compared):");
        foreach (var h in result.Headline)
        {
            var oursText = string.Format(
                CultureInfo.InvariantCulture,
                "  {0,-28} {1,-24} ours {2,9:N0} {3,8:N0} {4,7:P2}",
                h.Figure,
                h.Key,
                h.OursPopulation,
                h.OursHits,
                h.OursRate
            );
            Line(
                compared
                    ? oursText
                        + string.Format(
                            CultureInfo.InvariantCulture,
                            "   DuckDB {0,9:N0} {1,8:N0} {2,7:P2}{3}",
                            h.DuckDbPopulation,
                            h.DuckDbHits,
                            h.DuckDbRate,
                            h.Differs ? "   DIFFERS" : ""
                        )
                    : oursText
            );
        }
        if (compared)
            Line($"headline figures that differ: {result.Headline.Count(h => h.Differs)} of {result.Headline.Length}");
        foreach (var note in result.Notes.Concat(MonitorBench.DefinitionNotes))
            Line($"note: {note}");
        return s.ToString();
    }
}
