namespace Doorstroom.Bench.Tests;

/// <summary>`doorstroom-bench plan`: a smoke test only — it runs and prints its figures; the figures are not asserted.</summary>
public sealed class PlanBenchTests
{
    [Fact]
    public async Task Bench_plan_runs_and_prints_throughput_and_p99()
    {
        var r = await BenchProcess.Run("plan", "--count", "2000");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(r.Stdout.Contains("plans/s", StringComparison.Ordinal) || r.Stdout.Contains("per second", StringComparison.Ordinal), r.ToString());
        Assert.Contains("p99", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_with_fewer_than_1000_pupils_is_bad_input()
    {
        var r = await BenchProcess.Run("plan", "--count", "10");
        Assert.True(r.ExitCode == 2, r.ToString());
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("doorstroom-bench: --count", line, StringComparison.Ordinal);
        Assert.Contains("1000", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
    }
}
