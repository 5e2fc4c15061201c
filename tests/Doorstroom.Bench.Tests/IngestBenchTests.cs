namespace Doorstroom.Bench.Tests;

public sealed class IngestBenchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_small_bench_run_stores_every_generated_event_on_every_loader()
    {
        var pg = Environment.GetEnvironmentVariable(TestPostgres.Variable);
        var result = IngestBench.Run(new IngestBenchOptions { Events = 20_000, Postgres = pg }, cancellationToken: Ct);

        Assert.Equal(20_000, result.Events);
        Assert.True(result.Pupils > 1_000);
        Assert.Equal(string.IsNullOrWhiteSpace(pg) ? 2 : 4, result.Runs.Length);
        Assert.All(result.Runs, run =>
        {
            Assert.Equal(result.Events, run.Rows);
            Assert.True(run.EventsPerSecond > 0);
            Assert.True(run.PeakWorkingSetBytes > 0);
        });
        Assert.True(result.Ratio(IngestBench.Sqlite) > 0);
        Assert.True(result.PeakManagedHeapBytes > 0);
    }
}
