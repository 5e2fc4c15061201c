using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Doorstroom.Bench;

/// <summary>
/// <c>doorstroom-bench ingest</c>: our event import against each store's strongest bulk path (load then index) and its
/// loader into the indexed schema, and the daily import against the store's incremental path; same rows, same run.
/// </summary>
internal static class IngestBenchCommand
{
    /// <summary>Issue 18: the first ingest at least as fast as the store's load then index; the daily import at least this many events/s.</summary>
    internal const double TargetFirstRatio = 1.0,
        TargetDailyPerSecond = 100_000;

    /// <summary>Issue 3: ours into SQLite, ours against the store's loader into the indexed schema, and our peak memory.</summary>
    private const double TargetSqlitePerSecond = 200_000,
        TargetIndexedRatio = 0.7,
        TargetPeakGib = 1;

    /// <summary>A row of the figures: store, case, loader, rows, median, spread, events/s, ratio, peak.</summary>
    private static readonly CompositeFormat Row = CompositeFormat.Parse("{0,-10}  {1,-12}  {2,-26}  {3,12}  {4,9}  {5,15}  {6,10}  {7,11}  {8,8}");

    internal static Command Create()
    {
        var events = new Option<long>("--events")
        {
            Description = "Events of the first ingest, and so the events the store holds before the daily import (about ten per pupil)",
            DefaultValueFactory = _ => 10_000_000,
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Runs of every loader, their order rotated each run (median and spread)",
            DefaultValueFactory = _ => 3,
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the event generator", DefaultValueFactory = _ => 1 };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Connection string of a PostgreSQL user who may create databases (default: $DOORSTROOM_BENCH_PG; without it PostgreSQL is skipped)",
        };
        var dir = new Option<string?>("--dir") { Description = "Folder for the generated files and SQLite stores (default: a new temporary folder)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated files" };
        var sqlite3 = new Option<string>("--sqlite3")
        {
            Description = "The sqlite3 shell for the .import baseline; an empty value skips that baseline",
            DefaultValueFactory = _ => "sqlite3",
        };
        var cmd = new Command(
            "ingest",
            "Load generated events into SQLite and PostgreSQL with doorstroom's importer and, in the same run, with each store's strongest bulk path "
                + "(load then index) and its loader into the indexed schema (sqlite3 .import, COPY); then one day's events into a store that holds "
                + "the rest, ours against the store's incremental path. Median and spread of --runs runs, ratios, targets."
        )
        {
            events,
            runs,
            seed,
            postgres,
            dir,
            keep,
            sqlite3,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var n = parse.GetValue(events);
                if (n < 1000)
                    throw new BadInputException($"--events: {n} is too small; use at least 1000");
                var r = parse.GetValue(runs);
                if (r < 1)
                    throw new BadInputException($"--runs: {r} is too small; use at least 1 (3 or more for a median and spread)");
                var options = new IngestBenchOptions
                {
                    Events = n,
                    Runs = r,
                    Seed = parse.GetValue(seed),
                    Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("DOORSTROOM_BENCH_PG"),
                    Directory = parse.GetValue(dir),
                    KeepFiles = parse.GetValue(keep),
                    Sqlite3 = parse.GetValue(sqlite3),
                };
                var result = ProgressLines.Around("bench ingest", $"{n:N0} events", progress => IngestBench.Run(options, progress, cancellationToken));
                Print(result, r);
                return Task.FromResult(BenchCommands.Done);
            }
        );
        return cmd;
    }

    private static void Print(IngestBenchResult r, int runs)
    {
        Console.WriteLine(
            $"bench ingest: first ingest {r.Events:N0} events of {r.Pupils:N0} pupils; daily: the {r.DailyEvents:N0} events of "
                + $"{IngestBench.Day:yyyy-MM-dd} ({r.DailyNewPupils:N0} new pupils) into a store holding those {r.Events:N0}; generated in "
                + $"{r.Generation.TotalSeconds:F1} s (events CSV {r.EventsCsvBytes / 1048576.0:N0} MiB, "
                + $"stored-columns CSV {r.StoredCsvBytes / 1048576.0:N0} MiB); "
                + $"{runs} run(s) of every loader"
        );
        Console.WriteLine(
            string.Format(CultureInfo.InvariantCulture, Row, "store", "case", "loader", "rows", "median s", "min–max s", "events/s", "ours ÷ this", "peak MiB")
        );
        foreach (var s in r.Summaries)
        {
            var ratio = s.Loader != IngestBench.Ours && r.Ratio(s.Store, s.Case, s.Loader) is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "";
            var peak = r.Runs.Where(run => run.Store == s.Store && run.Case == s.Case && run.Loader == s.Loader).Max(run => run.PeakWorkingSetBytes);
            Console.WriteLine(
                string.Format(
                    CultureInfo.InvariantCulture,
                    Row,
                    s.Store,
                    s.Case,
                    s.Loader,
                    s.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    s.Median.ToString("F2", CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{s.Min:F2}–{s.Max:F2}"),
                    s.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    ratio,
                    (peak / 1048576.0).ToString("N0", CultureInfo.InvariantCulture)
                )
            );
        }

        Console.WriteLine(
            $"peak managed heap over the whole bench {r.PeakManagedHeapBytes / 1048576.0:N0} MiB; peak MiB is this process's resident peak per load"
        );
        foreach (var check in r.Checks)
            Console.WriteLine(check);
        foreach (var note in r.Notes)
            Console.WriteLine($"note: {note}");
        foreach (var target in Targets(r))
            Console.WriteLine(target);
    }

    /// <summary>The target lines: issue 18's per store, then issue 3's; "not run" where a figure is missing.</summary>
    internal static IEnumerable<string> Targets(IngestBenchResult r)
    {
        foreach (var store in new[] { IngestBench.Sqlite, IngestBench.Postgres })
        {
            var what = $"first ingest into {store}, ours ÷ load then index (events/s, medians)";
            yield return r.Ratio(store, IngestBench.First, IngestBench.LoadThenIndex) is { } ratio
                ? new Target(what, ratio, TargetFirstRatio, HigherIsBetter: true, "×").Line()
                : $"target {what}: not run";
            what = $"daily import into {store} holding {r.Events:N0} events, ours";
            yield return r.Summary(store, IngestBench.Daily, IngestBench.Ours) is { } daily
                ? new Target(what, daily.EventsPerSecond, TargetDailyPerSecond, HigherIsBetter: true, "events/s").Line()
                : $"target {what}: not run";
        }

        if (r.Summary(IngestBench.Sqlite, IngestBench.First, IngestBench.Ours) is { } ours)
            yield return new Target(
                "(issue 3) first ingest into SQLite, ours",
                ours.EventsPerSecond,
                TargetSqlitePerSecond,
                HigherIsBetter: true,
                "events/s"
            ).Line();
        foreach (var (store, loader) in new[] { (IngestBench.Sqlite, IngestBench.SqliteShell), (IngestBench.Postgres, IngestBench.CopyCsv) })
        {
            if (r.Ratio(store, IngestBench.First, loader) is { } ratio)
                yield return new Target($"(issue 3) first ingest into {store}, ours ÷ {loader}", ratio, TargetIndexedRatio, HigherIsBetter: true, "×").Line();
        }

        if (r.OursPeakWorkingSetBytes > 0)
            yield return new Target(
                "(issue 3) ours' peak working set",
                r.OursPeakWorkingSetBytes / (double)(1L << 30),
                TargetPeakGib,
                HigherIsBetter: false,
                "GiB"
            ).Line();
    }
}
