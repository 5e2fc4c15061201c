namespace Doorstroom.Bench.Tests;

/// <summary>
/// `doorstroom-bench plan` with a tiny count: it runs, pins itself with taskset, and prints the headline plan + JSON beside the
/// plan alone and the baseline, with every figure issue 18 asks for and the two targets. The figures themselves are not
/// asserted: machines here are noisy.
/// </summary>
public sealed class PlanBenchTests
{
    [Fact]
    public async Task Bench_plan_prints_plan_plus_json_first_with_tail_latencies_gc_pauses_and_targets()
    {
        var r = await BenchProcess.Run("plan", "--count", "2000");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (
            var column in new[] { "plans/s", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "alloc B/plan", "GCs 0/1/2", "GC pause total ms", "GC pause max ms" }
        )
            Assert.Contains(column, r.Stdout, StringComparison.Ordinal);
        var json = r.Stdout.IndexOf("│ plan + JSON", StringComparison.Ordinal);
        var plan = r.Stdout.IndexOf("│ plan  ", StringComparison.Ordinal);
        var baseline = r.Stdout.IndexOf("│ routes only (baseline)", StringComparison.Ordinal);
        Assert.True(json > 0 && plan > json && baseline > plan, r.ToString());
        Assert.Matches(@"target plan \+ JSON on one core: [\d,]+ plans/s \(≥ 30,000 plans/s\): (met|NOT met, [\d,]+ % short)", r.Stdout);
        Assert.Matches(@"target plan \+ JSON p99\.9 per plan: [\d.,]+ ms \(≤ 1 ms\): (met|NOT met, [\d,]+ % over)", r.Stdout);
    }

    [Fact]
    public async Task Bench_plan_runs_under_taskset_on_the_core_it_names()
    {
        var cores = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var first = cores["Cpus_allowed_list:".Length..].Trim().Split(',', '-')[0];
        var r = await BenchProcess.Run("plan", "--count", "1000", "--core", first);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(
            $"pinning: pinned with taskset -c {first}: every thread on core {first} (Cpus_allowed_list {first})",
            r.Stdout,
            StringComparison.Ordinal
        );
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

    [Fact]
    public async Task A_core_the_process_may_not_use_is_bad_input()
    {
        var r = await BenchProcess.Run("plan", "--count", "1000", "--core", "4096");
        Assert.True(r.ExitCode == 2, r.ToString());
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("doorstroom-bench: --core: 4096 is not a core this process may use", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0-1", new[] { 0, 1 })]
    [InlineData("1", new[] { 1 })]
    [InlineData("0-2,5,7-8", new[] { 0, 1, 2, 5, 7, 8 })]
    public void A_linux_cpu_list_names_every_core_in_its_ranges(string list, int[] cores) => Assert.Equal(cores, CorePinning.ParseList(list));
}
