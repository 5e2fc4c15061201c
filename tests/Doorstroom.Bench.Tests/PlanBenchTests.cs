namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom bench plan`: a smoke test only — it runs and prints its figures; the figures are not asserted.</summary>
public sealed class BenchTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Bench_plan_runs_and_prints_throughput_and_p99()
    {
        var r = await cli.Run("bench", "plan", "--count", "2000");
        Expect.Done(r);
        Assert.True(r.Stdout.Contains("plans/s", StringComparison.Ordinal) || r.Stdout.Contains("per second", StringComparison.Ordinal), r.ToString());
        Assert.Contains("p99", r.Stdout, StringComparison.Ordinal);
    }
}
