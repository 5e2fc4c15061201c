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
        var plan = new Command(
            "plan",
            "Plan generated pupils on one core: plans/s, p50/p99 per plan, bytes allocated per plan, against named baselines in " + "the same run."
        )
        {
            count,
            seed,
        };
        plan.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n < 1000)
                throw new BadInputException($"--count: {n} is too small; use at least 1000");
            PlanBench.Plan(LoadCatalogue(parse), n, parse.GetValue(seed));
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
        var cmd = new Command(
            "monitor",
            "All monitor indicators over all 128 breakdowns: ours (Indicators.Observe) against DuckDB's SQL on the same events, "
                + "seconds, peak memory, the ratio, the recomputation after appending one day, and a side-by-side honesty check."
        )
        {
            events,
            seed,
            dir,
            keep,
            threads,
            noDuck,
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
                };
                var result = ProgressLines.Around("bench", "monitor", progress => MonitorBench.Run(options, progress, cancellationToken));
                Console.Write(MonitorBenchReport.Format(result));
                return Task.FromResult(Done);
            }
        );
        return cmd;
    }
}
