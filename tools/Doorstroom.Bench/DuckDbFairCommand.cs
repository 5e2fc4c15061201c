using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>
/// <c>doorstroom-bench monitor-duckdb</c> (hidden): one DuckDB baseline alone over an events CSV that
/// <c>monitor --keep --dir</c> wrote, in its own process, so that each baseline's peak memory is its own.
/// </summary>
internal static class DuckDbFairCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir") { Description = "The folder with events.csv and crebos.csv (from 'monitor --keep --dir')", Required = true };
        var path = new Option<string>("--path") { Description = "cube (DuckDbSide's GROUP BY CUBE), same (same algorithm) or dashboard", Required = true };
        var threads = new Option<int>("--duckdb-threads") { Description = "DuckDB's worker threads", DefaultValueFactory = _ => 2 };
        var memory = new Option<string>("--memory-limit")
        {
            Description = "DuckDB's memory_limit for the fair paths",
            DefaultValueFactory = _ => DuckDbFair.DefaultMemoryLimit,
        };
        var cmd = new Command("monitor-duckdb", "One DuckDB baseline of the monitor bench alone, over kept files.") { dir, path, threads, memory };
        cmd.Hidden = true;
        cmd.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            var events = Path.Combine(folder, "events.csv");
            var crebos = Path.Combine(folder, "crebos.csv");
            if (!File.Exists(events) || !File.Exists(crebos))
                throw new BadInputException($"--dir: {folder} holds no events.csv and crebos.csv");
            var n = parse.GetValue(threads);
            var limit = parse.GetValue(memory)!;
            ImmutableArray<Indicator> all = [.. Enum.GetValues<Indicator>()];
            var (run, notes, publishable) = parse.GetValue(path) switch
            {
                "cube" => Cube(events, crebos, n, all),
                "same" => Fair(DuckDbFair.SameAlgorithm(events, crebos, n, limit, all)),
                "dashboard" => Fair(DuckDbFair.Dashboard(events, crebos, n, limit, all)),
                var other => throw new BadInputException($"--path: {other} is not cube, same or dashboard"),
            };
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{run.Engine}: {run.Elapsed.TotalSeconds:F2} s (load {run.Load.TotalSeconds:F2} s), observations {run.Observations:N0}, groups "
                        + $"{run.Groups:N0}{publishable}, peak working set {run.PeakWorkingSetBytes / 1048576.0:N0} MiB, process peak "
                        + $"{Sampler.ProcessPeak() / 1048576.0:N0} MiB"
                )
            );
            Console.WriteLine(
                "  " + string.Join(" · ", run.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Elapsed.TotalSeconds:F2} s")))
            );
            foreach (var note in notes)
                Console.WriteLine($"  note: {note}");
            return BenchCommands.Done;
        });
        return cmd;

        static (EngineRun, IEnumerable<string>, string) Cube(string events, string crebos, int threads, ImmutableArray<Indicator> all)
        {
            var outcome = DuckDbSide.Run(events, crebos, threads, all);
            return (outcome.Run, DuckDbSide.Notes(threads), "");
        }

        static (EngineRun, IEnumerable<string>, string) Fair(DuckDbFair.Outcome outcome) =>
            (outcome.Run, outcome.Notes, string.Create(CultureInfo.InvariantCulture, $" (≥ {DuckDbFair.Publishable} pupils: {outcome.PublishableTotal:N0})"));
    }
}
