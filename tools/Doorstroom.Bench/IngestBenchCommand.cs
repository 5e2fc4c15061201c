using System.CommandLine;
using Spectre.Console;

namespace Doorstroom.Bench;

/// <summary><c>doorstroom-bench ingest</c>: our event import against each store's own bulk loader, same rows, same run.</summary>
internal static class IngestBenchCommand
{
    private const double TargetRatio = 0.7,
        TargetSqlitePerSecond = 200_000,
        TargetPeakBytes = 1L << 30;

    internal static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events to generate and load (about ten per pupil)", DefaultValueFactory = _ => 10_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the event generator", DefaultValueFactory = _ => 1 };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Connection string of a PostgreSQL user who may create databases (default: $DOORSTROOM_BENCH_PG; without it PostgreSQL is skipped)",
        };
        var dir = new Option<string?>("--dir") { Description = "Folder for the generated files and SQLite stores (default: a new temporary folder)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated files and stores" };
        var sqlite3 = new Option<string>("--sqlite3") { Description = "The sqlite3 shell for the native baseline", DefaultValueFactory = _ => "sqlite3" };
        var cmd = new Command(
            "ingest",
            "Load generated events into SQLite and PostgreSQL with doorstroom's importer and, in the same run, with each store's own bulk path "
                + "(sqlite3 .import, COPY) on the same rows: events/s, ratio ours/native, peak memory."
        )
        {
            events,
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
                var options = new IngestBenchOptions
                {
                    Events = n,
                    Seed = parse.GetValue(seed),
                    Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("DOORSTROOM_BENCH_PG"),
                    Directory = parse.GetValue(dir),
                    KeepFiles = parse.GetValue(keep),
                    Sqlite3 = parse.GetValue(sqlite3)!,
                };
                var result = ProgressLines.Around("bench ingest", $"{n:N0} events", progress => IngestBench.Run(options, progress, cancellationToken));
                Print(result);
                return Task.FromResult(BenchCommands.Done);
            }
        );
        return cmd;
    }

    private static void Print(IngestBenchResult r)
    {
        AnsiConsole.MarkupLine(
            $"[bold]bench ingest[/]: {r.Events:N0} events of {r.Pupils:N0} pupils, generated in {r.Generation.TotalSeconds:F1} s "
                + $"(events CSV {r.EventsCsvBytes / 1048576.0:N0} MiB, stored-columns CSV {r.StoredCsvBytes / 1048576.0:N0} MiB)"
        );
        var table = new Table()
            .AddColumn("store")
            .AddColumn("loader")
            .AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned())
            .AddColumn(new TableColumn("events/s").RightAligned())
            .AddColumn(new TableColumn("ours ÷ native").RightAligned());
        foreach (var run in r.Runs)
        {
            var ratio = run.Loader == "ours" && r.Ratio(run.Store) is { } x ? $"{x:F2}" : "";
            table.AddRow(
                run.Store,
                Markup.Escape(run.Loader),
                run.Rows.ToString("N0"),
                run.Elapsed.TotalSeconds.ToString("F1"),
                run.EventsPerSecond.ToString("N0"),
                ratio
            );
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"peak memory: working set {r.PeakWorkingSetBytes / 1048576.0:N0} MiB, managed heap {r.PeakManagedHeapBytes / 1048576.0:N0} MiB");
        foreach (var note in r.Notes)
            Console.WriteLine($"note: {note}");

        // The targets of issue #3, each said plainly as met or not.
        var ours = r.Runs.FirstOrDefault(x => x.Store == IngestBench.Sqlite && x.Loader == "ours");
        Console.WriteLine(
            $"target ≥ {TargetSqlitePerSecond:N0} events/s into SQLite: "
                + $"{(ours is null ? "not run" : ours.EventsPerSecond >= TargetSqlitePerSecond ? "met" : "NOT met")}"
        );
        foreach (var store in new[] { IngestBench.Sqlite, IngestBench.Postgres })
            Console.WriteLine(
                $"target ours ≥ {TargetRatio} × native on {store}: "
                    + $"{(r.Ratio(store) is { } q ? q >= TargetRatio ? $"met ({q:F2})" : $"NOT met ({q:F2})" : "not run")}"
            );
        Console.WriteLine($"target peak memory < 1 GiB: {(r.PeakWorkingSetBytes < TargetPeakBytes ? "met" : "NOT met")}");
    }
}
