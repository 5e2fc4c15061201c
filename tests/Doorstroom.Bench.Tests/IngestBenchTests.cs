using static Doorstroom.Bench.IngestBench;

namespace Doorstroom.Bench.Tests;

/// <summary>`doorstroom-bench ingest`: every loader stores the same rows, the baselines and targets are printed; figures are never asserted.</summary>
public sealed class IngestBenchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_loader_of_both_cases_stores_the_same_rows_schema_and_pupils_as_ours_in_every_run()
    {
        var pg = Environment.GetEnvironmentVariable(TestPostgres.Variable);
        var result = IngestBench.Run(
            new IngestBenchOptions
            {
                Events = 20_000,
                Runs = 2,
                Postgres = pg,
            },
            cancellationToken: Ct
        );

        Assert.Equal(20_000, result.Events);
        Assert.True(result.Pupils > 1_000);
        Assert.True(result.DailyEvents > 100, $"{result.DailyEvents} events on {Day}");
        var stores = string.IsNullOrWhiteSpace(pg) ? new[] { Sqlite } : [Sqlite, Postgres];
        string[] first = [Ours, LoadThenIndex],
            daily = [Ours];
        foreach (var store in stores)
        {
            foreach (var loader in first.Append(store == Sqlite ? SqliteShell : CopyCsv))
                Assert.Equal(2, result.Summary(store, First, loader)?.Seconds.Length);
            foreach (var loader in daily.Append(store == Sqlite ? MultiRowInsert : BinaryCopy))
                Assert.Equal(2, result.Summary(store, Daily, loader)?.Seconds.Length);
            Assert.True(result.Ratio(store, First, LoadThenIndex) > 0);
            Assert.True(result.Ratio(store, Daily, store == Sqlite ? MultiRowInsert : BinaryCopy) > 0);
        }

        Assert.Equal(stores.Length * 2 * 5, result.Runs.Length);
        Assert.All(result.Runs, run => Assert.Equal(run.Case == First ? result.Events : result.Events + result.DailyEvents, run.Rows));
        Assert.Equal(stores.Length * 5, result.Checks.Length);
        Assert.All(result.Checks, check => Assert.True(check.Contains("same schema, rows", StringComparison.Ordinal), check));
        // The second round starts with the loader that was second in the first.
        Assert.Equal(LoadThenIndex, result.Runs.First(r => r.Store == Sqlite && r.Case == First && r.Run == 2).Loader);
    }

    [Fact]
    public void Each_loader_goes_first_once_in_as_many_rounds_as_there_are_loaders()
    {
        string[] loaders = [Ours, LoadThenIndex, SqliteShell];
        var rounds = Enumerable.Range(0, 3).Select(run => IngestBench.Order(loaders, run)).ToList();

        Assert.Equal(loaders, rounds[0]);
        Assert.Equal(loaders.Order(), rounds.Select(r => r[0]).Order());
        Assert.All(rounds, r => Assert.Equal(loaders.Order(), r.Order()));
    }

    [Fact]
    public void A_store_that_differs_from_ours_is_named_with_what_differs()
    {
        var ours = new StoreShape("table event: …\nindex event_identity: …", 10, 100, "42");

        Assert.Null(ours.Difference(ours with { }));
        Assert.Contains("99 events", ours.Difference(ours with { Events = 99 }), StringComparison.Ordinal);
        Assert.Contains("event_identity", ours.Difference(ours with { Schema = "table event: …" }), StringComparison.Ordinal);
        Assert.Contains("other pupils", ours.Difference(ours with { Checksum = "43" }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_targets_are_ours_over_load_then_index_and_the_daily_rate_per_store_said_met_or_by_how_much_not()
    {
        IngestRun Run(string store, string @case, string loader, long events, double seconds) =>
            new(store, @case, loader, 1, events, events, TimeSpan.FromSeconds(seconds), 1 << 20);
        var result = new IngestBenchResult(
            1_000_000,
            100_000,
            20_000,
            0,
            1,
            1,
            TimeSpan.Zero,
            [
                Run(Sqlite, First, Ours, 1_000_000, 10),
                Run(Sqlite, First, LoadThenIndex, 1_000_000, 20),
                Run(Sqlite, Daily, Ours, 20_000, 0.4),
                Run(Postgres, First, Ours, 1_000_000, 20),
                Run(Postgres, First, LoadThenIndex, 1_000_000, 10),
            ],
            0,
            [],
            []
        );

        var lines = IngestBenchCommand.Targets(result).ToList();

        Assert.Contains("target first ingest into SQLite, ours ÷ load then index (events/s, medians): 2 × (≥ 1 ×): met", lines);
        Assert.Contains("target daily import into SQLite holding 1,000,000 events, ours: 50,000 events/s (≥ 100,000 events/s): NOT met, 50 % short", lines);
        Assert.Contains("target first ingest into PostgreSQL, ours ÷ load then index (events/s, medians): 0.5 × (≥ 1 ×): NOT met, 50 % short", lines);
        Assert.Contains("target daily import into PostgreSQL holding 1,000,000 events, ours: not run", lines);
    }

    [Fact]
    public async Task Bench_ingest_prints_load_then_index_the_daily_case_the_checks_and_the_targets()
    {
        var r = await BenchProcess.Run("ingest", "--events", "3000", "--runs", "1", "--sqlite3", "");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("SQLite      first ingest  load then index", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("SQLite      daily         multi-row INSERT, indexed", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("check SQLite, first ingest, load then index: same schema", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("target first ingest into SQLite, ours ÷ load then index (events/s, medians): ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("target daily import into SQLite holding 3,000 events, ours: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("the sqlite3 shell baseline was skipped", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ingest_with_no_runs_is_bad_input()
    {
        var r = await BenchProcess.Run("ingest", "--events", "3000", "--runs", "0");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("doorstroom-bench: --runs", r.Stderr.Trim(), StringComparison.Ordinal);
    }
}
