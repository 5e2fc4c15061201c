using System.CommandLine;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>
/// The <c>doorstroom-bench</c> command: every benchmark of the project, each printing figures and ratios against a
/// baseline measured in the same run (never assertions). Moved here from <c>doorstroom bench</c> (decision 0027) with the
/// same subcommands and options, so that the product carries no benchmark and no DuckDB.
/// </summary>
internal static class BenchCommands
{
    public const int Done = 0,
        BadInput = 2,
        StoreFailure = 3;

    private static readonly Option<string?> CatalogueOption = new("--catalogue")
    {
        Description = "Catalogue version folder (default: the newest shipped with " + "doorstroom)",
        Recursive = true,
    };

    public static RootCommand Root()
    {
        var root = new RootCommand("doorstroom-bench: Doorstroom's benchmarks (figures and ratios against a baseline measured in the same run).");
        root.Options.Add(CatalogueOption);
        root.Subcommands.Add(PlanCommand());
        root.Subcommands.Add(IngestBenchCommand.Create());
        root.Subcommands.Add(MonitorCommand());
        root.Subcommands.Add(ApiBench.Create());
        root.Subcommands.Add(DuckDbFairCommand.Create());
        return root;
    }

    /// <summary>Loads and checks the catalogue; a bad catalogue is bad input (exit 2).</summary>
    internal static RouteCatalogue LoadCatalogue(ParseResult parse)
    {
        var dir = parse.GetValue(CatalogueOption) ?? DataPaths.DefaultCatalogue();
        var load = CatalogueLoader.Load(dir);
        if (!load.Ok)
            throw new BadInputException($"catalogue {dir} is not valid: {load.Problems[0]} (run 'doorstroom catalogue validate' for all problems)");
        return load.Catalogue!;
    }

    private static Command PlanCommand()
    {
        var count = new Option<int>("--count")
        {
            Description = "Number of generated pupils (at least 100000 for the reported " + "figures)",
            DefaultValueFactory = _ => 100_000,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the pupil generator", DefaultValueFactory = _ => 20261129 };
        var core = new Option<int?>("--core") { Description = "The core taskset pins the bench to (default: the last core this process may use)" };
        var plan = new Command(
            "plan",
            "Plan generated pupils on one core (pinned with taskset): plan + JSON as the API answers (the headline), the plan alone and "
                + "the baseline routes only; plans/s, p50/p99/p99.9/max per plan, bytes allocated per plan, GC collections and pauses."
        )
        {
            count,
            seed,
            core,
        };
        plan.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n < 1000)
                throw new BadInputException($"--count: {n} is too small; use at least 1000");
            var allowed = CorePinning.AllowedCores();
            var chosen = parse.GetValue(core) ?? (allowed.Count > 0 ? allowed[^1] : 0);
            if (allowed.Count > 0 && !allowed.Contains(chosen))
                throw new BadInputException($"--core: {chosen} is not a core this process may use; expected one of {string.Join(", ", allowed)}");
            var catalogue = LoadCatalogue(parse);
            // Measure in a child that taskset started on one core, so that every thread of the runtime is on that core too.
            if (!CorePinning.IsPinnedChild && CorePinning.Taskset() is { } taskset)
                return CorePinning.RunAgainPinned(taskset, chosen);
            PlanBench.Plan(catalogue, n, parse.GetValue(seed), CorePinning.Describe());
            return Done;
        });
        return plan;
    }

    /// <summary>
    /// <c>monitor</c>: every indicator over every breakdown on simulated events, ours against DuckDB's SQL on the same file
    /// in the same run (issue #4's acceptance point); figures only, exit 0 whatever they are.
    /// </summary>
    private static Command MonitorCommand()
    {
        var events = new Option<long>("--events") { Description = "About this many simulated events (whole cohorts)", DefaultValueFactory = _ => 10_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulator", DefaultValueFactory = _ => 1 };
        var dir = new Option<string?>("--dir") { Description = "Where the CSV and DuckDB's spill files go (default: a temporary folder, deleted afterwards)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated files" };
        var threads = new Option<int>("--duckdb-threads") { Description = "DuckDB's worker threads", DefaultValueFactory = _ => 2 };
        var noDuck = new Option<bool>("--no-duckdb") { Description = "Skip DuckDB: ours alone (no ratio, no honesty check), for sizes DuckDB cannot finish" };
        var noCube = new Option<bool>("--no-duckdb-cube") { Description = "Skip DuckDB's GROUP BY CUBE (the third line); the fair baselines still run" };
        var memory = new Option<string>("--duckdb-memory-limit")
        {
            Description = "DuckDB's memory_limit for the fair baselines",
            DefaultValueFactory = _ => DuckDbFair.DefaultMemoryLimit,
        };
        var cmd = new Command(
            "monitor",
            "All monitor indicators over all 128 breakdowns: the product's engine from the store against DuckDB on the same events (the same "
                + "algorithm, a dashboard's breakdowns, GROUP BY CUBE), seconds, peak memory, the ratios and targets, the recomputation after "
                + "appending a day, and a side-by-side honesty check."
        )
        {
            events,
            seed,
            dir,
            keep,
            threads,
            noDuck,
            noCube,
            memory,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var n = parse.GetValue(events);
                if (n < 10_000)
                    throw new BadInputException($"--events: {n} is too small; use at least 10000");
                if (parse.GetValue(threads) < 1)
                    throw new BadInputException("--duckdb-threads: at least 1");
                var options = new MonitorBenchOptions
                {
                    Events = n,
                    Seed = parse.GetValue(seed),
                    Directory = parse.GetValue(dir),
                    KeepFiles = parse.GetValue(keep),
                    DuckDbThreads = parse.GetValue(threads),
                    SkipDuckDb = parse.GetValue(noDuck),
                    SkipDuckDbCube = parse.GetValue(noCube),
                    DuckDbMemoryLimit = parse.GetValue(memory)!,
                };
                var result = ProgressLines.Around("bench", "monitor", progress => MonitorBench.Run(options, progress, cancellationToken));
                Console.Write(MonitorBenchReport.Format(result));
                return Task.FromResult(Done);
            }
        );
        return cmd;
    }
}
